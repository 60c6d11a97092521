package extract

import (
	"strconv"
	"strings"

	"github.com/accordhq/accord/internal/refdata"
)

// amount is a sum of money or a quantity of goods found in a sentence.
type amount struct {
	start, end int
	value      float64
	currency   string // ISO 4217; "" for goods
	unit       string // for goods: "doses", "tonnes"
}

// currencySymbols are written before the number.
var currencySymbols = map[string]string{
	"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP", "¥": "JPY",
	"sr": "SAR", "sar": "SAR", "qr": "QAR", "qar": "QAR", "aed": "AED", "dh": "AED", "dhs": "AED",
	"kd": "KWD", "kwd": "KWD", "chf": "CHF", "rs": "", "a$": "AUD", "c$": "CAD", "ca$": "CAD", "au$": "AUD",
}

// currencyWords are written after the number.
var currencyWords = map[string]string{
	"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "riyal": "SAR", "riyals": "SAR",
	"dirham": "AED", "dirhams": "AED", "pound": "GBP", "pounds": "GBP", "yen": "JPY", "francs": "CHF",
	"dinars": "KWD",
}

var multipliers = map[string]float64{
	"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6, "billion": 1e9, "bn": 1e9,
	"b": 1e9, "trillion": 1e12,
}

var numberWords = map[string]float64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "twenty": 20, "fifty": 50, "hundred": 100, "half": 0.5, "a": 1,
}

// goodsUnits are the units of in-kind contributions.
var goodsUnits = setOf("doses", "dose", "tonnes", "tons", "tonne", "ton", "kits", "masks", "ventilators",
	"vaccines", "baskets", "tents", "blankets", "boxes", "cartons", "packages", "parcels", "bags", "litres",
	"liters", "kilograms", "kg", "concentrators", "units", "sets", "vials", "tablets", "beds", "ambulances",
	"vehicles", "generators", "pallets")

var isoCurrencies = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range refdata.Currencies() {
		m[c.Code] = true
	}
	return m
}()

// amounts finds sums of money and quantities of goods in [s.start, s.end).
func (d *doc) amounts(s span) []amount {
	var out []amount
	for i := s.start; i < s.end; i++ {
		d.work++
		if d.quote[i] {
			continue
		}
		cur := ""
		j := i
		// A currency before the number: "$", "US$", "USD", "SR", "€".
		t := &d.toks[i]
		if t.kind == tWord && t.norm == "us" && i+1 < s.end && d.toks[i+1].norm == "$" && !d.toks[i+1].space {
			cur, j = "USD", i+2
		} else if c, ok := currencySymbols[t.norm]; ok && c != "" && (t.kind == tPunct || t.allCaps || t.upper) {
			cur, j = c, i+1
		} else if t.kind == tWord && t.allCaps && len(t.text) == 3 && isoCurrencies[t.text] {
			cur, j = t.text, i+1
		}
		if cur != "" && j < s.end && d.toks[j].kind == tPunct && d.toks[j].norm == "$" {
			j++ // "US $"
		}
		// The number.
		k := j
		var v float64
		switch {
		case k < s.end && d.toks[k].kind == tNum:
			f, err := strconv.ParseFloat(strings.ReplaceAll(d.toks[k].text, ",", ""), 64)
			if err != nil {
				continue
			}
			v = f
			k++
		case cur != "" && k < s.end && numberWords[d.toks[k].norm] > 0:
			v = numberWords[d.toks[k].norm]
			k++
		default:
			continue
		}
		if cur == "" && i > s.start && d.toks[i-1].kind == tPunct && currencySymbols[d.toks[i-1].norm] != "" {
			continue // read from the symbol already
		}
		// Thousands written with spaces are left alone; "145 900" is rare
		// in money.
		if k < s.end {
			if mul, ok := multipliers[d.toks[k].norm]; ok && (d.toks[k].norm != "m" && d.toks[k].norm != "b" && d.toks[k].norm != "k" || !d.toks[k].space) {
				v *= mul
				k++
			}
		}
		// A currency after the number: "63.3 million dollars", "40 million USD".
		if cur == "" && k < s.end {
			w := &d.toks[k]
			if c, ok := currencyWords[w.norm]; ok {
				cur = c
				k++
				if k < s.end && (w.norm == "dollars" || w.norm == "dollar") && i > s.start && d.toks[i-1].norm == "us" {
					cur = "USD"
				}
			} else if w.kind == tWord && w.allCaps && len(w.text) == 3 && isoCurrencies[w.text] {
				cur = w.text
				k++
			} else if w.norm == "us" && k+1 < s.end && (d.toks[k+1].norm == "dollars") {
				cur = "USD"
				k += 2
			}
		}
		if cur != "" {
			out = append(out, amount{start: i, end: k, value: v, currency: cur})
			i = k - 1
			continue
		}
		// Goods: a number followed within three words by a unit.
		for u := k; u < s.end && u < k+4; u++ {
			w := &d.toks[u]
			if w.kind != tWord {
				break
			}
			if goodsUnits[w.norm] {
				out = append(out, amount{start: i, end: u + 1, value: v, unit: w.norm})
				i = u
				break
			}
		}
	}
	return out
}
