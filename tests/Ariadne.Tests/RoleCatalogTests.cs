using Ariadne.Web.Platform.Participants;

namespace Ariadne.Tests;

public sealed class RoleCatalogTests
{
    [Fact]
    public void Every_institution_kind_has_at_least_one_role()
    {
        foreach (var kind in Enum.GetValues<InstitutionKind>())
            Assert.NotEmpty(RoleCatalog.For(kind));
    }

    [Fact]
    public void A_role_that_does_not_fit_the_institution_is_refused()
    {
        var problems = RoleCatalog.Check(InstitutionKind.Shelter, [RoleCatalog.Investigator], [TrainingTopic.AntiTrafficking], isLiaison: false);
        Assert.Equal("Error_RoleDoesNotFitInstitution", Assert.Single(problems).MessageKey);
    }

    [Theory]
    [InlineData(InstitutionKind.AntiTraffickingSquad, RoleCatalog.Investigator, TrainingTopic.AntiTrafficking)]
    [InlineData(InstitutionKind.SecurityPolice, RoleCatalog.SecurityOfficer, TrainingTopic.ShelterSecurity)]
    [InlineData(InstitutionKind.Helpline, RoleCatalog.HelplineOperator, TrainingTopic.Helpline)]
    [InlineData(InstitutionKind.Shelter, RoleCatalog.SocialWorker, TrainingTopic.VictimAssistance)]
    public void A_role_that_needs_training_is_refused_without_it_and_granted_with_it(InstitutionKind kind, string role, TrainingTopic topic)
    {
        var otherTopics = Enum.GetValues<TrainingTopic>().Where(t => t != topic).ToArray();
        Assert.Equal("Error_RoleNeedsTraining", Assert.Single(RoleCatalog.Check(kind, [role], otherTopics, false)).MessageKey);
        Assert.Empty(RoleCatalog.Check(kind, [role], [topic], false));
    }

    [Fact]
    public void Liaison_officers_belong_to_law_enforcement_and_must_be_trained()
    {
        Assert.Empty(RoleCatalog.Check(InstitutionKind.BorderService, [RoleCatalog.LawEnforcementOfficer], [TrainingTopic.AntiTrafficking], true));
        Assert.Contains(RoleCatalog.Check(InstitutionKind.BorderService, [RoleCatalog.LawEnforcementOfficer], [], true),
            p => p.MessageKey == "Error_LiaisonNeedsTraining");
        Assert.Contains(RoleCatalog.Check(InstitutionKind.Shelter, [], [TrainingTopic.AntiTrafficking], true),
            p => p.MessageKey == "Error_LiaisonNotLawEnforcement");
    }

    [Fact]
    public void Unknown_roles_are_refused() =>
        Assert.Equal("Error_RoleUnknown", Assert.Single(RoleCatalog.Check(InstitutionKind.Court, ["Everyone"], [], false)).MessageKey);

    [Fact]
    public void The_administrator_role_fits_only_platform_administration() =>
        Assert.Equal([InstitutionKind.PlatformAdministration], RoleCatalog.Find(RoleCatalog.Administrator)!.Kinds);
}
