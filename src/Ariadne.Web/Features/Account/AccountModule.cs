using Ariadne.Web.Platform.Modules;

namespace Ariadne.Web.Features.Account;

/// <summary>The signed-in user's own account: sign-in, second factor, password, API tokens, profile API.</summary>
public sealed class AccountModule : AriadneModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddScoped<SignInNotices>();

    public override void MapApi(RouteGroupBuilder v1) => v1.MapMeApi();

    public override IEnumerable<NavigationEntry> Navigation =>
    [
        new("/Account/Security", "Nav_Security", 90, _ => true, NavigationArea.Account),
        new("/Account/Tokens", "Nav_ApiTokens", 91, _ => true, NavigationArea.Account),
    ];
}
