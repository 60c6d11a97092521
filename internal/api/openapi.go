package api

import (
	_ "embed"
	"net/http"
)

// openAPIDocument describes the API in OpenAPI 3.1. It is written by hand;
// openapi_test.go checks that it and the route table agree.
//
//go:embed openapi.json
var openAPIDocument []byte

func (a *API) openAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(openAPIDocument)
	return nil
}
