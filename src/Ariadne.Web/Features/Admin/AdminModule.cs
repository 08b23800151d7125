using Ariadne.Web.Features.Staff;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Authorization;

namespace Ariadne.Web.Features.Admin;

/// <summary>Platform administration: institutions and user accounts (changes to accounts wait for confirmation in Staff).</summary>
public sealed class AdminModule : AriadneModule
{
    public const string ReadScope = "admin.read";
    public const string WriteScope = "admin.write";
    public const string ReadPolicy = "api:admin.read";
    public const string WritePolicy = "api:admin.write";

    public override IReadOnlyList<Type> DependsOn => [typeof(StaffModule)];

    public override void AddPolicies(AuthorizationOptions options)
    {
        ApiScope.AddPolicy(options, ReadPolicy, RoleCatalog.Administrator, ReadScope, WriteScope);
        ApiScope.AddPolicy(options, WritePolicy, RoleCatalog.Administrator, WriteScope);
    }

    public override void MapApi(RouteGroupBuilder v1) => v1.MapInstitutionsApi();

    public override IEnumerable<ApiScope> ApiScopes =>
    [
        new(ReadScope, u => u.IsInRole(RoleCatalog.Administrator)),
        new(WriteScope, u => u.IsInRole(RoleCatalog.Administrator)),
    ];

    public override IEnumerable<NavigationEntry> Navigation =>
    [
        new("/Admin/Institutions/Index", "Nav_Institutions", 80, u => u.IsInRole(RoleCatalog.Administrator)),
        new("/Admin/Users/Index", "Nav_Users", 81, u => u.IsInRole(RoleCatalog.Administrator)),
    ];
}
