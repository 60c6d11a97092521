// Command mapgen turns the Natural Earth country shapes of the npm package
// world-atlas (countries-110m.json, TopoJSON, public domain) into the
// compact file package chart embeds to draw its world map: one line per
// country, "ISO alpha-2 <tab> Natural Earth name <tab> SVG path".
//
// The projection is equirectangular, cut to latitudes 84° N to 60° S
// (Antarctica is left out), in tenths of a degree: x = (longitude + 180) × 10,
// y = (84 − latitude) × 10, so that the path holds integers only and the
// map's viewBox is 0 0 3600 1440. Rings that cross the antimeridian are
// drawn twice, a world's width apart, and clipped by the viewBox. Points that round to the same tenth are
// dropped, and so are rings left with fewer than three points.
//
// TopoJSON ids are ISO 3166-1 numeric codes; they are turned into alpha-2
// codes with Debian's iso-codes data (package iso-codes). Kosovo has no ISO
// code and is given XK, as in the IATI Country codelist; shapes with no code
// at all (Northern Cyprus, Somaliland) are kept, drawn without figures.
//
// To regenerate (from internal/chart):
//
//	apt-get install iso-codes
//	(cd /tmp && npm pack world-atlas@2 && tar xzf world-atlas-2.*.tgz)
//	go run ./mapgen -topo /tmp/package/countries-110m.json -out mapdata/countries.tsv
package main

import (
	"bufio"
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
)

// Bounds of the map, in degrees of latitude.
const (
	north = 84
	south = -60
)

// noCode names the shapes that have no ISO 3166-1 numeric id in world-atlas.
var noCode = map[string]string{"Kosovo": "XK"}

type topology struct {
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64 `json:"arcs"`
	Objects struct {
		Countries struct {
			Geometries []struct {
				Type       string            `json:"type"`
				ID         string            `json:"id"`
				Arcs       json.RawMessage   `json:"arcs"`
				Properties map[string]string `json:"properties"`
			} `json:"geometries"`
		} `json:"countries"`
	} `json:"objects"`
}

type point struct{ x, y int }

func main() {
	topoPath := flag.String("topo", "countries-110m.json", "world-atlas TopoJSON file")
	isoPath := flag.String("iso", "/usr/share/iso-codes/json/iso_3166-1.json", "iso-codes ISO 3166-1 JSON file")
	out := flag.String("out", "mapdata/countries.tsv", "file to write")
	flag.Parse()
	if err := run(*topoPath, *isoPath, *out); err != nil {
		log.Fatal(err)
	}
}

func run(topoPath, isoPath, out string) error {
	alpha2, err := readISO(isoPath)
	if err != nil {
		return err
	}
	b, err := os.ReadFile(topoPath)
	if err != nil {
		return err
	}
	var t topology
	if err := json.Unmarshal(b, &t); err != nil {
		return fmt.Errorf("%s: %w", topoPath, err)
	}
	arcs := decodeArcs(t)
	type shape struct{ code, name, path string }
	var shapes []shape
	for _, g := range t.Objects.Countries.Geometries {
		name := g.Properties["name"]
		code := alpha2[g.ID]
		if g.ID == "" {
			code = cmp.Or(noCode[name], "-")
		} else if code == "" {
			return fmt.Errorf("%s (%s): no ISO 3166-1 alpha-2 code", g.ID, name)
		}
		if code == "AQ" {
			continue
		}
		var polygons [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return err
			}
			polygons = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polygons); err != nil {
				return err
			}
		default:
			continue
		}
		var path strings.Builder
		for _, polygon := range polygons {
			for _, ring := range polygon {
				for _, r := range wrap(assemble(arcs, ring)) {
					writeRing(&path, r)
				}
			}
		}
		if path.Len() > 0 {
			shapes = append(shapes, shape{code, name, path.String()})
		}
	}
	slices.SortFunc(shapes, func(a, b shape) int { return strings.Compare(a.code+"\t"+a.name, b.code+"\t"+b.name) })
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintf(w, "# Natural Earth 1:110m country shapes (public domain) from the npm package world-atlas, made by internal/chart/mapgen.\n")
	fmt.Fprintf(w, "# Equirectangular, in tenths of a degree: x = (lon + 180) * 10, y = (%d - lat) * 10; viewBox 0 0 3600 %d.\n", north, (north-south)*10)
	for _, s := range shapes {
		fmt.Fprintf(w, "%s\t%s\t%s\n", s.code, s.name, s.path)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// readISO maps ISO 3166-1 numeric codes to alpha-2 codes.
func readISO(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Countries []struct {
			Alpha2  string `json:"alpha_2"`
			Numeric string `json:"numeric"`
		} `json:"3166-1"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := map[string]string{}
	for _, c := range doc.Countries {
		out[c.Numeric] = c.Alpha2
	}
	return out, nil
}

// decodeArcs undoes the quantization and delta encoding of the arcs and
// projects them, rounded to tenths of a degree.
func decodeArcs(t topology) [][]point {
	out := make([][]point, len(t.Arcs))
	sx, sy := t.Transform.Scale[0], t.Transform.Scale[1]
	tx, ty := t.Transform.Translate[0], t.Transform.Translate[1]
	for i, arc := range t.Arcs {
		var qx, qy float64
		pts := make([]point, len(arc))
		for j, d := range arc {
			qx += d[0]
			qy += d[1]
			lon, lat := qx*sx+tx, qy*sy+ty
			lat = max(south, min(north, lat))
			pts[j] = point{int(math.Round((lon + 180) * 10)), int(math.Round((north - lat) * 10))}
		}
		out[i] = pts
	}
	return out
}

// assemble joins the arcs of a ring; a negative index ~i is arc i reversed.
func assemble(arcs [][]point, ring []int) []point {
	var out []point
	for k, i := range ring {
		var a []point
		if i >= 0 {
			a = arcs[i]
		} else {
			a = slices.Clone(arcs[^i])
			slices.Reverse(a)
		}
		if k > 0 && len(a) > 0 {
			a = a[1:] // the first point repeats the previous arc's last
		}
		out = append(out, a...)
	}
	return slices.Compact(out)
}

// wrap makes a ring that crosses the antimeridian (Russia, Fiji) continuous,
// and returns it once more shifted by a world's width, so that the part
// past one edge of the map shows at the other; the viewBox clips the rest.
func wrap(ring []point) [][]point {
	const width = 3600
	out := slices.Clone(ring)
	offset := 0
	lo, hi := math.MaxInt, math.MinInt
	for i := range out {
		if i > 0 {
			switch d := ring[i].x - ring[i-1].x; {
			case d > width/2:
				offset -= width
			case d < -width/2:
				offset += width
			}
		}
		out[i].x += offset
		lo, hi = min(lo, out[i].x), max(hi, out[i].x)
	}
	rings := [][]point{out}
	for _, shift := range []int{-width, width} {
		if (shift < 0 && hi > width) || (shift > 0 && lo < 0) {
			moved := slices.Clone(out)
			for i := range moved {
				moved[i].x += shift
			}
			rings = append(rings, moved)
		}
	}
	return rings
}

// writeRing writes a closed ring as an absolute move and relative lines.
func writeRing(b *strings.Builder, ring []point) {
	if len(ring) > 1 && ring[0] == ring[len(ring)-1] {
		ring = ring[:len(ring)-1]
	}
	if len(ring) < 3 {
		return
	}
	b.WriteString("M" + strconv.Itoa(ring[0].x) + " " + strconv.Itoa(ring[0].y) + "l")
	for i := 1; i < len(ring); i++ {
		dx, dy := ring[i].x-ring[i-1].x, ring[i].y-ring[i-1].y
		if i > 1 && dx >= 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.Itoa(dx))
		if dy >= 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.Itoa(dy))
	}
	b.WriteByte('z')
}
