using Ariadne.Linkage;

namespace Ariadne.Linkage.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void A_record_keeps_its_fields() => Assert.Equal("Məmmədov", new PersonRecord("1", Surname: "Məmmədov").Surname);
}
