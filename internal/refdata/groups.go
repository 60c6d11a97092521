package refdata

import "slices"

// Group is a named set of countries.
type Group struct {
	Code       string // "OIC", "SAHEL"
	EN, FR, AR string
	Members    []string // ISO 3166-1 alpha-2, sorted
}

// groups lists the country groups. No IATI codelist carries these
// memberships, so they are kept here as literals. Members are sorted.
var groups = []Group{
	{
		// The 57 member states of the Organisation of Islamic Cooperation,
		// per the OIC's official list of member states (oic-oci.org).
		// Palestine is PS. Syria (SY) is counted: its participation was
		// suspended in August 2012, but suspension does not end membership
		// and the OIC's count of 57 includes it. Observer
		// states (e.g. Bosnia and Herzegovina, Central African Republic,
		// Russia, Thailand) are not included.
		Code: "OIC",
		EN:   "OIC member states",
		FR:   "États membres de l'OCI",
		AR:   "الدول الأعضاء في منظمة التعاون الإسلامي",
		Members: []string{
			"AE", "AF", "AL", "AZ", "BD", "BF", "BH", "BJ", "BN", "CI",
			"CM", "DJ", "DZ", "EG", "GA", "GM", "GN", "GW", "GY", "ID",
			"IQ", "IR", "JO", "KG", "KM", "KW", "KZ", "LB", "LY", "MA",
			"ML", "MR", "MV", "MY", "MZ", "NE", "NG", "OM", "PK", "PS",
			"QA", "SA", "SD", "SL", "SN", "SO", "SR", "SY", "TD", "TG",
			"TJ", "TM", "TN", "TR", "UG", "UZ", "YE",
		},
	},
	{
		// The Sahel as defined by the United Nations Integrated Strategy
		// for the Sahel (UNISS, S/2013/354, as recalibrated in 2018 with
		// the UN Support Plan for the Sahel): 10 countries. This is not
		// the narrower G5 Sahel (BF, ML, MR, NE, TD), nor a geographic or
		// climatic definition.
		Code:    "SAHEL",
		EN:      "Sahel",
		FR:      "Sahel",
		AR:      "الساحل",
		Members: []string{"BF", "CM", "GM", "GN", "ML", "MR", "NE", "NG", "SN", "TD"},
	},
}

// Groups returns the country groups. The result, including each Members
// slice, is a fresh copy that callers may modify.
func Groups() []Group {
	out := slices.Clone(groups)
	for i := range out {
		out[i].Members = slices.Clone(out[i].Members)
	}
	return out
}
