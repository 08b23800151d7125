using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Participants;

namespace Ariadne.Tests;

public sealed class AccessMatrixTests
{
    [Fact]
    public void Writing_a_class_implies_reading_it() =>
        Assert.All(AccessMatrix.Default.Values, r => Assert.Equal(r.Write, r.Read & r.Write));

    [Fact]
    public void No_role_of_administration_or_oversight_can_hold_any_relation()
    {
        Assert.Empty(AccessMatrix.RelationsFor([RoleCatalog.Administrator]));
        Assert.Empty(AccessMatrix.RelationsFor([RoleCatalog.Auditor]));
        Assert.All(AccessMatrix.Default.Values, r =>
        {
            Assert.DoesNotContain(InstitutionKind.PlatformAdministration, r.Kinds);
            Assert.DoesNotContain(InstitutionKind.Oversight, r.Kinds);
        });
    }

    [Theory]
    [InlineData(Relation.Shelter, DataClass.Investigation)]
    [InlineData(Relation.Referrer, DataClass.Identity)]
    [InlineData(Relation.SquadSupervisor, DataClass.ContactLocation)]
    [InlineData(Relation.CoordinatorInformation, DataClass.Identity)]
    [InlineData(Relation.ServiceProvider, DataClass.Investigation)]
    public void A_relation_never_opens_what_product_md_closes(Relation relation, DataClass closed) =>
        Assert.Equal(DataClass.None, AccessMatrix.Default[relation].Read & closed);

    [Fact]
    public void Every_role_that_a_relation_names_fits_one_of_its_institution_kinds()
    {
        foreach (var (relation, rights) in AccessMatrix.Default)
            foreach (var role in rights.Roles)
                Assert.True(RoleCatalog.Find(role)!.Kinds.Overlaps(rights.Kinds), $"{relation}: {role}");
    }

    [Fact]
    public void Break_glass_reads_everything_but_contact_and_location_and_writes_nothing()
    {
        Assert.Equal(DataClass.None, CaseRights.BreakGlass.Write);
        Assert.False(CaseRights.BreakGlass.CanRead(DataClass.ContactLocation));
        Assert.True(CaseRights.BreakGlass.CanRead(DataClass.Identity | DataClass.Health | DataClass.Investigation));
    }
}
