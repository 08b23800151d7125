using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Participants;

namespace Ariadne.Web.Features.Staff;

/// <summary>Changes to staff accounts that wait for the institution head's (or oversight's) confirmation.</summary>
public sealed class StaffModule : AriadneModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<AccountConfirmations>();
        services.AddScoped<IHomePanel, ConfirmationsHomePanel>();
    }

    public override IEnumerable<NavigationEntry> Navigation =>
        [new("/Staff/Confirmations", "Nav_Confirmations", 70, u => !u.IsInRole(RoleCatalog.Administrator))];
}
