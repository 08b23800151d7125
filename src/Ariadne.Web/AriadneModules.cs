using Ariadne.Web.Features.Accommodation;
using Ariadne.Web.Features.Account;
using Ariadne.Web.Features.Admin;
using Ariadne.Web.Features.Awareness;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Coordination;
using Ariadne.Web.Features.Exchange;
using Ariadne.Web.Features.Helpline;
using Ariadne.Web.Features.Home;
using Ariadne.Web.Features.Identification;
using Ariadne.Web.Features.InformationRequests;
using Ariadne.Web.Features.Investigation;
using Ariadne.Web.Features.Meetings;
using Ariadne.Web.Features.Observation;
using Ariadne.Web.Features.Operations;
using Ariadne.Web.Features.Oversight;
using Ariadne.Web.Features.Protection;
using Ariadne.Web.Features.Referrals;
using Ariadne.Web.Features.Reintegration;
using Ariadne.Web.Features.Resources;
using Ariadne.Web.Features.Services;
using Ariadne.Web.Features.Staff;
using Ariadne.Web.Features.Statistics;
using Ariadne.Web.Features.Training;
using Ariadne.Web.Platform.Modules;

namespace Ariadne.Web;

/// <summary>
/// The composition root: the one place that names every module. Adding a capability is its folder under
/// Features, one line here, and its migration (see docs/architecture.md). A module comes after the modules it
/// depends on: its demo data and its services may rely on theirs.
/// </summary>
public static class AriadneModules
{
    public static IReadOnlyList<AriadneModule> All { get; } =
    [
        new HomeModule(),
        new AccountModule(),
        new StaffModule(),
        new AdminModule(),
        new CasesModule(),
        new IdentificationModule(),
        new ProtectionModule(),
        new ServicesModule(),
        new ReintegrationModule(),
        new ReferralsModule(),
        // After Referrals: an admission tells the referral that became the case "placement confirmed".
        new AccommodationModule(),
        // After Referrals: a tip is forwarded to the Squad as a referral.
        new HelplineModule(),
        new InvestigationModule(),
        new CoordinationModule(),
        // Facts from every module through IStatisticsSource (a Platform seam): released tables, dashboards, the annual report.
        new StatisticsModule(),
        // HTCDS and CTDC exchange of the statistics' facts and of pseudonymised cases.
        new ExchangeModule(),
        new MeetingsModule(),
        new TrainingModule(),
        // After Coordination: a request for information on a case, decided by the National Coordinator.
        new InformationRequestsModule(),
        new ResourcesModule(),
        new ObservationModule(),
        new AwarenessModule(),
        new OversightModule(),
        // After Cases and Investigation: a restore erases again through Cases and checks the evidence locker.
        new OperationsModule(),
    ];
}
