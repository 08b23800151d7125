using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Cli;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Authorization;

namespace Ariadne.Web.Features.Cases;

/// <summary>Cases and the people in them: records, grants, break-glass, erasure, age assessment, person matching.</summary>
public sealed class CasesModule : AriadneModule
{
    public const string ReadScope = "cases.read";
    public const string WriteScope = "cases.write";
    public const string ReadPolicy = "api:cases.read";
    public const string WritePolicy = "api:cases.write";

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CaseNumberOptions>().Bind(configuration.GetSection(CaseNumberOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.CaseNumberPrefix), "Deployment:CaseNumberPrefix must not be empty.").ValidateOnStart();
        services.AddScoped<PersonVault>();
        services.AddScoped<CaseService>();
        services.AddScoped<GrantService>();
        services.AddScoped<CaseHeaders>();
        services.AddScoped<CaseList>();
        services.AddScoped<BreakGlassService>();
        services.AddScoped<PersonEraser>();
        services.AddScoped<AgeAssessmentService>();
        services.AddScoped<IPersonMatcher, ExactIdentifierMatcher>();
        services.AddScoped<FuzzyPersonMatcher>();
        services.AddScoped<IPersonMatcher>(sp => sp.GetRequiredService<FuzzyPersonMatcher>());
        services.AddSingleton<IOperatorVerb, PersonEraseVerb>();
        services.AddScoped<IDemoData, CasesDemo>();
        // Each case field's data class in /openapi/v1.json, from the records' attributes.
        services.Configure<Microsoft.AspNetCore.OpenApi.OpenApiOptions>("v1", o => o.AddDocumentTransformer<CaseSchemaTransformer>());
    }

    public override void AddPolicies(AuthorizationOptions options)
    {
        ApiScope.AddPolicy(options, ReadPolicy, null, ReadScope, WriteScope);
        ApiScope.AddPolicy(options, WritePolicy, null, WriteScope);
    }

    public override void MapApi(RouteGroupBuilder v1) => v1.MapCasesApi();

    public override IEnumerable<AuditAction> AuditActions => CasesAudit.All;

    /// <summary>Offered to those whose roles can hold a relation to cases, or who may open cases.</summary>
    public override IEnumerable<ApiScope> ApiScopes =>
    [
        new(ReadScope, CasesInReach),
        new(WriteScope, CasesInReach),
    ];

    public override IEnumerable<NavigationEntry> Navigation =>
        [new("/Cases/Index", "Nav_Cases", 10, u => !u.IsInRole(RoleCatalog.Administrator) && !u.IsInRole(RoleCatalog.Auditor))];

    private static bool CasesInReach(System.Security.Claims.ClaimsPrincipal user) =>
        !user.IsInRole(RoleCatalog.Administrator) && (Viewer.Of(user).InstitutionRelations.Count > 0 || CaseService.CreatorRoles.Any(user.IsInRole));
}
