using System.Text.Json;
using Ariadne.Web.Features.Investigation;

namespace Ariadne.Tests.Investigation;

/// <summary>The FollowTheMoney export: valid JSON lines, the right schemata and properties, nothing invented, nothing dangling.</summary>
public sealed class FtmExportTests
{
    private static readonly Guid File = Guid.Parse("0f000000-0000-0000-0000-000000000001");

    // Entity-typed properties of the schemata the export writes.
    private static readonly string[] EntityProperties =
    [
        "owner", "asset", "director", "organization", "employer", "employee", "person", "relative", "associate", "payer", "beneficiary",
        "payerAccount", "beneficiaryAccount", "addressEntity", "involved", "caller", "receiver", "subject", "object",
    ];

    private static Guid G(int n) => new($"00000000-0000-0000-0000-{n:D12}");

    private static EntityFacts E(int n, EntityKind kind, string value, string? detail = null, string? country = null,
        DateOnly? from = null, DateOnly? until = null) =>
        new(G(n), kind, value, detail, country, from, until, "Police report 17/2025", "B2", "H3", File);

    private static LinkFacts L(int n, int from, int to, LinkKind kind, DateOnly? validFrom = null, DateOnly? validUntil = null) =>
        new(G(n), G(from), G(to), kind, validFrom, validUntil, "Witness statement", "C3", "H2", File);

    private static (List<EntityFacts> Entities, List<LinkFacts> Links) Sample()
    {
        var entities = new List<EntityFacts>
        {
            E(1, EntityKind.Person, "Elçin Məmmədov", "1985-03-14", "AZ", new DateOnly(2024, 1, 1)),
            E(2, EntityKind.Phone, "+994 50 123 45 67"),
            E(3, EntityKind.Company, "Kaspi Trade MMC", "1701234561", "AZ"),
            E(4, EntityKind.Address, "Bakı, Nizami küç. 12", country: "AZ"),
            E(5, EntityKind.Vehicle, "10-AB-123", "Toyota Camry", "AZ"),
            E(6, EntityKind.BankAccount, "AZ21 NABZ 0000 0000 1370 1000 1944", "Kapital Bank", "AZ"),
            E(7, EntityKind.BankAccount, "40817810099910004312", "Sberbank", "RU"),
            E(8, EntityKind.Payment, "1 500,50 EUR", "2025-02-01"),
            E(9, EntityKind.Travel, "Baku → Dubai", "2025-02-03", "AE"),
            E(10, EntityKind.Person, "Aynur Əliyeva", "1999-07-01", "AZ"),
            E(11, EntityKind.Person, "Rauf Həsənov"),
            E(12, EntityKind.Phone, "+971 50 000 11 22"),
        };
        var links = new List<LinkFacts>
        {
            L(101, 1, 2, LinkKind.Uses),
            L(102, 1, 3, LinkKind.Directs, new DateOnly(2023, 5, 1), new DateOnly(2024, 12, 31)),
            L(103, 3, 4, LinkKind.LocatedAt),
            L(104, 1, 5, LinkKind.Owns),
            L(105, 1, 6, LinkKind.Uses),
            L(106, 3, 8, LinkKind.PaidBy),
            L(107, 8, 7, LinkKind.PaidTo),
            L(108, 10, 9, LinkKind.Travelled),
            L(109, 3, 10, LinkKind.Employs),
            L(110, 1, 11, LinkKind.Associate),
            L(111, 10, 11, LinkKind.Family),
            L(112, 2, 12, LinkKind.Called, new DateOnly(2025, 1, 30)),
            L(113, 1, 4, LinkKind.Owns),
            L(114, 1, 99, LinkKind.Associate), // to an entity not in the input
        };
        return (entities, links);
    }

    private static List<JsonElement> Lines(string export) =>
        export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

    private static JsonElement ById(List<JsonElement> lines, int n) => lines.Single(l => l.GetProperty("id").GetString() == FtmExport.IdOf(G(n)));

    private static string[] Values(JsonElement entity, string property) =>
        entity.GetProperty("properties").TryGetProperty(property, out var values) ? values.EnumerateArray().Select(v => v.GetString()!).ToArray() : [];

    [Fact]
    public void Each_line_is_an_ftm_entity_with_a_unique_id_and_the_dataset()
    {
        var (entities, links) = Sample();
        var export = FtmExport.ToJsonLines(entities, links, "ariadne-case-17");
        Assert.EndsWith("\n", export, StringComparison.Ordinal);
        var lines = Lines(export);
        Assert.Equal(export.Count(c => c == '\n'), lines.Count);
        Assert.All(lines, l =>
        {
            Assert.StartsWith("ariadne-", l.GetProperty("id").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(l.GetProperty("schema").GetString()));
            Assert.Equal(JsonValueKind.Object, l.GetProperty("properties").ValueKind);
            Assert.All(l.GetProperty("properties").EnumerateObject(), p => Assert.Equal(JsonValueKind.Array, p.Value.ValueKind));
            Assert.Equal(["ariadne-case-17"], l.GetProperty("datasets").EnumerateArray().Select(d => d.GetString()));
        });
        var ids = lines.Select(l => l.GetProperty("id").GetString()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Every_referenced_id_is_in_the_export_and_nothing_outside_the_input_is()
    {
        var (entities, links) = Sample();
        var lines = Lines(FtmExport.ToJsonLines(entities, links, "d"));
        var ids = lines.Select(l => l.GetProperty("id").GetString()!).ToHashSet();
        var input = entities.Select(e => FtmExport.IdOf(e.Id)).Concat(links.Select(l => FtmExport.IdOf(l.Id))).ToHashSet();
        Assert.Subset(input, ids);
        var referenced = lines.SelectMany(l => EntityProperties.SelectMany(p => Values(l, p))).ToList();
        Assert.NotEmpty(referenced);
        Assert.All(referenced, r => Assert.Contains(r, ids));
        Assert.DoesNotContain(FtmExport.IdOf(G(114)), ids); // its other end is not in the input
        Assert.DoesNotContain(FtmExport.IdOf(G(99)), ids);
        Assert.DoesNotContain(FtmExport.IdOf(G(2)), ids); // a phone is a property, not an entity
    }

    [Fact]
    public void Entities_map_to_their_schemata_and_properties()
    {
        var (entities, links) = Sample();
        var lines = Lines(FtmExport.ToJsonLines(entities, links, "d"));

        var person = ById(lines, 1);
        Assert.Equal("Person", person.GetProperty("schema").GetString());
        Assert.Equal(["Elçin Məmmədov"], Values(person, "name"));
        Assert.Equal(["1985-03-14"], Values(person, "birthDate"));
        Assert.Equal(["az"], Values(person, "country"));
        Assert.Equal(["+994 50 123 45 67"], Values(person, "phone"));
        Assert.Equal(["Police report 17/2025"], Values(person, "publisher"));
        Assert.Contains(Values(person, "notes"), n => n.Contains("Reliability: B2", StringComparison.Ordinal) && n.Contains("Handling: H3", StringComparison.Ordinal)
            && n.Contains("2024-01-01", StringComparison.Ordinal));
        Assert.Contains(Values(person, "notes"), n => n.StartsWith("phone", StringComparison.Ordinal) && n.Contains("Handling: H2", StringComparison.Ordinal));

        var company = ById(lines, 3);
        Assert.Equal("Company", company.GetProperty("schema").GetString());
        Assert.Equal(["1701234561"], Values(company, "registrationNumber"));
        Assert.Equal(["az"], Values(company, "jurisdiction"));
        Assert.Equal([FtmExport.IdOf(G(4))], Values(company, "addressEntity"));

        var address = ById(lines, 4);
        Assert.Equal(("Address", "Bakı, Nizami küç. 12"), (address.GetProperty("schema").GetString(), Values(address, "full").Single()));

        var vehicle = ById(lines, 5);
        Assert.Equal(("Vehicle", "10-AB-123", "Toyota Camry"), (vehicle.GetProperty("schema").GetString(), Values(vehicle, "registrationNumber").Single(), Values(vehicle, "model").Single()));

        var iban = ById(lines, 6);
        Assert.Equal(("BankAccount", "AZ21NABZ00000000137010001944", "Kapital Bank"), (iban.GetProperty("schema").GetString(), Values(iban, "iban").Single(), Values(iban, "bankName").Single()));
        Assert.Empty(Values(iban, "accountNumber"));
        var account = ById(lines, 7);
        Assert.Equal(["40817810099910004312"], Values(account, "accountNumber"));
        Assert.Empty(Values(account, "iban"));

        var payment = ById(lines, 8);
        Assert.Equal("Payment", payment.GetProperty("schema").GetString());
        Assert.Equal(["1500.50"], Values(payment, "amount"));
        Assert.Equal(["EUR"], Values(payment, "currency"));
        Assert.Equal(["2025-02-01"], Values(payment, "date"));
        Assert.Equal([FtmExport.IdOf(G(3))], Values(payment, "payer"));
        Assert.Equal([FtmExport.IdOf(G(7))], Values(payment, "beneficiaryAccount"));
        Assert.Contains(Values(payment, "description"), d => d.Contains("Reliability: B2", StringComparison.Ordinal));

        var travel = ById(lines, 9);
        Assert.Equal("Event", travel.GetProperty("schema").GetString());
        Assert.Equal(["Baku → Dubai"], Values(travel, "name"));
        Assert.Equal(["2025-02-03"], Values(travel, "date"));
        Assert.Equal([FtmExport.IdOf(G(10))], Values(travel, "involved"));
    }

    [Fact]
    public void Links_map_to_relationship_schemata_with_provenance_and_validity()
    {
        var (entities, links) = Sample();
        var lines = Lines(FtmExport.ToJsonLines(entities, links, "d"));

        var directorship = ById(lines, 102);
        Assert.Equal("Directorship", directorship.GetProperty("schema").GetString());
        Assert.Equal([FtmExport.IdOf(G(1))], Values(directorship, "director"));
        Assert.Equal([FtmExport.IdOf(G(3))], Values(directorship, "organization"));
        Assert.Equal(["2023-05-01"], Values(directorship, "startDate"));
        Assert.Equal(["2024-12-31"], Values(directorship, "endDate"));
        Assert.Equal(["Witness statement"], Values(directorship, "publisher"));
        Assert.Equal(["Reliability: C3; Handling: H2"], Values(directorship, "description"));

        Assert.Equal(("Ownership", FtmExport.IdOf(G(1)), FtmExport.IdOf(G(5))),
            (ById(lines, 104).GetProperty("schema").GetString(), Values(ById(lines, 104), "owner").Single(), Values(ById(lines, 104), "asset").Single()));
        Assert.Equal(("UnknownLink", "uses"), (ById(lines, 105).GetProperty("schema").GetString(), Values(ById(lines, 105), "role").Single()));
        Assert.Equal(("Employment", FtmExport.IdOf(G(3)), FtmExport.IdOf(G(10))),
            (ById(lines, 109).GetProperty("schema").GetString(), Values(ById(lines, 109), "employer").Single(), Values(ById(lines, 109), "employee").Single()));
        Assert.Equal(("Associate", FtmExport.IdOf(G(11))), (ById(lines, 110).GetProperty("schema").GetString(), Values(ById(lines, 110), "associate").Single()));
        Assert.Equal(("Family", FtmExport.IdOf(G(11))), (ById(lines, 111).GetProperty("schema").GetString(), Values(ById(lines, 111), "relative").Single()));
        // An address is not an FtM asset: owning one is a link of unknown nature with the role "owns".
        Assert.Equal(("UnknownLink", "owns"), (ById(lines, 113).GetProperty("schema").GetString(), Values(ById(lines, 113), "role").Single()));

        var call = ById(lines, 112);
        Assert.Equal("Call", call.GetProperty("schema").GetString());
        Assert.Equal(["+994 50 123 45 67"], Values(call, "callerNumber"));
        Assert.Equal(["+971 50 000 11 22"], Values(call, "receiverNumber"));
        Assert.Equal([FtmExport.IdOf(G(1))], Values(call, "caller"));
        Assert.Empty(Values(call, "receiver"));
        Assert.Equal(["2025-01-30"], Values(call, "startDate"));

        // Links folded into properties are not entities of their own.
        Assert.DoesNotContain(lines, l => l.GetProperty("id").GetString() is var id
            && new[] { 101, 103, 106, 107, 108 }.Any(n => id == FtmExport.IdOf(G(n))));
    }

    [Fact]
    public void Text_round_trips_exactly_and_the_output_is_stable()
    {
        const string Hostile = "\"Quoted\" <b>&amp;</b>\nnew line \\ back slash ]]> Мамедов";
        var entities = new List<EntityFacts> { E(1, EntityKind.Person, Hostile), E(2, EntityKind.Company, "Kaspi", detail: "not a date") };
        var export = FtmExport.ToJsonLines(entities, [], "d");
        Assert.Equal(2, export.Count(c => c == '\n'));
        Assert.Equal([Hostile], Values(ById(Lines(export), 1), "name"));
        Assert.Contains("Мамедов", export, StringComparison.Ordinal); // readable UTF-8
        Assert.Equal(export, FtmExport.ToJsonLines(entities, [], "d"));
        Assert.Empty(Values(ById(Lines(FtmExport.ToJsonLines([E(3, EntityKind.Person, "A B", "14.03.1985")], [], "d")), 3), "birthDate"));
    }

    [Fact]
    public void Repeated_entities_and_links_are_written_once_and_a_phone_alone_not_at_all()
    {
        var entities = new List<EntityFacts> { E(1, EntityKind.Person, "A B"), E(1, EntityKind.Person, "A B"), E(2, EntityKind.Phone, "050 000 00 00") };
        var links = new List<LinkFacts> { L(5, 1, 1, LinkKind.Associate) };
        var lines = Lines(FtmExport.ToJsonLines(entities, links, "d"));
        Assert.Equal(FtmExport.IdOf(G(1)), Assert.Single(lines).GetProperty("id").GetString());
        Assert.Throws<ArgumentException>(() => FtmExport.ToJsonLines(entities, links, " "));
    }
}
