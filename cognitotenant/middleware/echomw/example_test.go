package echomw_test

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/labstack/echo/v4"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/middleware"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/middleware/echomw"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/rbac"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

// This example protects an echo server: a group authenticates every
// request, one route needs the admin role, another compares the :tenant
// path parameter with the token's tenant. Handlers read the identity
// from c.Request().Context(), as a net/http handler would.
func ExampleAuthenticate() {
	iss, err := testutil.NewIssuer()
	if err != nil {
		log.Fatal(err)
	}
	verifier, err := cognitotenant.New(cognitotenant.Config{
		Pools: []cognitotenant.Pool{{
			UserPoolID: iss.UserPoolID(),
			ClientIDs:  []string{iss.ClientID()},
			TokenUse:   cognitotenant.TokenUseID,
			StaticJWKS: iss.JWKS(),
		}},
	})
	if err != nil {
		log.Fatal(err)
	}
	auth, err := middleware.New(verifier)
	if err != nil {
		log.Fatal(err)
	}

	notes := func(c echo.Context) error {
		tenant, _ := cognitotenant.TenantFromContext(c.Request().Context())
		return c.String(http.StatusOK, "notes of "+tenant)
	}
	e := echo.New()
	api := e.Group("", echomw.Authenticate(auth))
	api.GET("/tenants/:tenant/notes", notes, echomw.RequireTenantParam(auth, "tenant"))
	api.GET("/members", notes, echomw.Require(auth, middleware.AnyRole(rbac.RoleAdmin)))

	admin, err := iss.MintID(testutil.User{TenantID: "acme", Groups: []string{"ADMIN"}})
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range []struct{ path, token string }{
		{"/tenants/acme/notes", admin},
		{"/members", admin},
		{"/members", ""},
	} {
		req := httptest.NewRequest(http.MethodGet, c.path, nil)
		if c.token != "" {
			req.Header.Set("Authorization", "Bearer "+c.token)
		}
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		answer := rec.Body.String()
		var problem struct{ Code string }
		if json.Unmarshal(rec.Body.Bytes(), &problem) == nil {
			answer = "code=" + problem.Code
		}
		fmt.Println(c.path, rec.Code, answer)
	}
	// Output:
	// /tenants/acme/notes 200 notes of acme
	// /members 200 notes of acme
	// /members 401 code=missing_token
}
