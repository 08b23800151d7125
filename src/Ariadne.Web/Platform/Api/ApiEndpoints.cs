using Ariadne.Web.Features.Account;
using Ariadne.Web.Features.Admin;

namespace Ariadne.Web.Platform.Api;

/// <summary>The JSON API under /api/v1. Every group states its policy; token authentication only.</summary>
public static class ApiEndpoints
{
    public static void MapAriadneApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/api/v1").RequireAuthorization(Security.Policies.Api).WithTags("v1");
        v1.MapMeApi();
        v1.MapInstitutionsApi();
        Features.Cases.CasesApi.MapCasesApi(v1);
        Features.Referrals.ReferralsApi.MapReferralsApi(v1);
    }
}
