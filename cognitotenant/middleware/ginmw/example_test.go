package ginmw_test

import (
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/gin-gonic/gin"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/middleware"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/middleware/ginmw"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/rbac"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

// This example protects a gin router: a group authenticates every
// request, one route needs the delete permission, another compares the
// :tenant path parameter with the token's tenant. Handlers read the
// identity from c.Request.Context(), as a net/http handler would.
func ExampleAuthenticate() {
	gin.SetMode(gin.ReleaseMode)
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

	notes := func(c *gin.Context) {
		tenant, _ := cognitotenant.TenantFromContext(c.Request.Context())
		c.String(http.StatusOK, "notes of %s", tenant)
	}
	r := gin.New()
	api := r.Group("/", ginmw.Authenticate(auth))
	api.GET("/tenants/:tenant/notes", ginmw.RequireTenantParam(auth, "tenant"), notes)
	api.DELETE("/notes/:id", ginmw.Require(auth, middleware.Permission(rbac.PermDelete)), notes)

	viewer, err := iss.MintID(testutil.User{TenantID: "acme", Groups: []string{"VIEWER"}})
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range []struct{ method, path string }{
		{http.MethodGet, "/tenants/acme/notes"},
		{http.MethodGet, "/tenants/globex/notes"},
		{http.MethodDelete, "/notes/1"},
	} {
		req := httptest.NewRequest(c.method, c.path, nil)
		req.Header.Set("Authorization", "Bearer "+viewer)
		rec := httptest.NewRecorder()
		r.ServeHTTP(rec, req)
		fmt.Printf("%s %s %d %q\n", c.method, c.path, rec.Code,
			rec.Header().Get("WWW-Authenticate"))
	}
	// Output:
	// GET /tenants/acme/notes 200 ""
	// GET /tenants/globex/notes 404 ""
	// DELETE /notes/1 403 "Bearer realm=\"api\", error=\"insufficient_scope\""
}
