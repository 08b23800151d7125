using Ariadne.Web.Features.Observation;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.AspNetCore.Identity;

namespace Ariadne.Web.Features.Awareness;

/// <summary>
/// One campaign (invented, marked "Demo"), led by the Coordinator's office with the international partner and the ministry, running
/// now, with two materials and two activities in Baku and Absheron-Khizi, where the demo helpline contacts were told to come from.
/// </summary>
public sealed class AwarenessDemo(Campaigns campaigns, UserManager<AriadneUser> users, UiTime uiTime) : IDemoData
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        async Task<AriadneUser> User(string name) => await users.FindByNameAsync(name) ?? throw new InvalidOperationException("demo user missing: " + name);
        var coordinatorUser = await User("coordinator");
        var partnerUser = await User("partner");
        var ministryUser = await User("ministry");
        var coordinator = new Viewer(coordinatorUser.Id, coordinatorUser.InstitutionId, []);
        string[] roles = [RoleCatalog.Coordinator];
        var today = uiTime.Today;
        var (id, errors) = await campaigns.CreateAsync(coordinator, roles, new()
        {
            TitleAz = "Demo: \"Xaricdə iş təklifi? Əvvəlcə yoxla!\"",
            TitleRu = "Demo: «Работа за границей? Сначала проверь!»",
            TitleEn = "Demo: \"A job abroad? Check first!\"",
            Objective = "Demo: xaricdə iş axtaranlara saxta iş təkliflərini tanımağı və şübhə olduqda 152 qaynar xəttinə zəng etməyi öyrətmək.",
            Audiences = [CampaignAudience.JobseekersAbroad, CampaignAudience.Students],
            Regions = [Region.Baku, Region.AbsheronKhizi],
            Channels = [CampaignChannel.SocialMedia, CampaignChannel.Schools, CampaignChannel.Events],
            StartsOn = today.AddDays(-21),
            EndsOn = today.AddDays(14),
            LeadInstitutionId = coordinatorUser.InstitutionId,
            Partners = [partnerUser.InstitutionId, ministryUser.InstitutionId],
            Budget = 12000m,
            Status = CampaignStatus.Running,
        }, null, cancellationToken);
        Check(errors);
        Check(await campaigns.AddMaterialAsync(coordinator, roles, id!.Value, new()
        {
            Name = "Demo: \"Əvvəlcə yoxla\" vərəqəsi",
            Type = MaterialType.Leaflet,
            Language = "az",
            Quantity = 5000,
            Reference = "Demo: aparatın paylaşılan qovluğu, kampaniyalar/2026",
        }, null, cancellationToken));
        Check(await campaigns.AddMaterialAsync(coordinator, roles, id.Value, new()
        {
            Name = "Demo: 30 saniyəlik video",
            Type = MaterialType.Video,
            Language = "ru",
            Reference = "Demo: https://example.org/demo-video",
        }, null, cancellationToken));
        Check(await campaigns.AddActivityAsync(coordinator, roles, id.Value, new()
        {
            On = today.AddDays(-14),
            Region = Region.Baku,
            Type = ActivityType.SchoolSession,
            Audience = CampaignAudience.Students,
            Reach = 240,
            ReachCounted = true,
            Notes = "Demo: iki universitetdə məlumat sessiyası.",
        }, null, cancellationToken));
        Check(await campaigns.AddActivityAsync(coordinator, roles, id.Value, new()
        {
            On = today.AddDays(-7),
            Region = Region.AbsheronKhizi,
            Type = ActivityType.PublicEvent,
            Audience = CampaignAudience.JobseekersAbroad,
            Reach = 600,
            ReachCounted = false,
            Notes = "Demo: məşğulluq yarmarkasında stend; təxmini say.",
        }, null, cancellationToken));
    }

    private static void Check(Dictionary<string, string[]>? errors)
    {
        if (errors is null || errors.Count > 0)
            throw new InvalidOperationException("Demo campaign step refused: " + (errors is null ? "not found" : string.Join("; ", errors.Select(e => e.Key + ": " + string.Join(", ", e.Value)))));
    }
}
