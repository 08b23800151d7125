using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// The entities and links an investigator may see, as FollowTheMoney entities, one JSON object a line
/// (<c>{"id", "schema", "properties": {name: [values]}, "datasets": [name]}</c>), for Aleph, OpenAleph or any FtM tool.
/// </summary>
/// <remarks>
/// <para>Schemata (followthemoney/schema/*.yaml): Person (name, birthDate, country), Company (name, registrationNumber,
/// jurisdiction), Address (full, country), Vehicle (registrationNumber, model, country), BankAccount (iban when the value
/// is a valid IBAN, else accountNumber; bankName, country), Payment (amount, currency, date, payer, beneficiary, and
/// payerAccount/beneficiaryAccount when that side is an account).</para>
/// <para>A travel is an <c>Event</c> (name = the route, date, country, involved = the travellers): FtM's <c>Trip</c> needs
/// its start and end as Address entities, which the export would have to invent from the route's text.</para>
/// <para>FtM has no phone schema: a phone becomes the <c>phone</c> property of each person or company that uses it, a call
/// between two phones a <c>Call</c> (callerNumber, receiverNumber, and caller/receiver where a person or company uses
/// that phone); a phone nobody uses and that calls nobody is not exported.</para>
/// <para>Links: Owns → Ownership (owner, asset) when the asset is a company, vehicle or account; Directs → Directorship
/// (director, organization) to a company; Employs → Employment (employer, employee) from a company to a person; Family →
/// Family (person, relative); Associate → Associate (person, associate); LocatedAt → the located entity's addressEntity
/// (and address); PaidBy/PaidTo → the payment's payer/beneficiary; Travelled → the event's involved. Uses of a vehicle or an
/// account → UnknownLink (subject, object, role "uses"): using is not owning (an account or car used by someone
/// else is common in these cases), and Ownership would say more than the file knows. Any other pair the schemata do not
/// allow (a person employing a person, an owned address…) is an UnknownLink with the link's kind as role.</para>
/// <para>Provenance: the source goes into <c>publisher</c>; reliability, handling code and — for entities, which have no
/// dates of their own — validity go into <c>notes</c> (the Thing schemata) or <c>description</c> (the Interval schemata:
/// Payment, Call and the relationship schemata, which have no notes), as "Reliability: …; Handling: …; Valid: …".
/// The validity of a relationship, call, payment or event is its <c>startDate</c>/<c>endDate</c>. A link folded into a
/// property (phone, address, payer, beneficiary, traveller) adds its own provenance line to its host entity, so the
/// handling code of every fact travels with it.</para>
/// <para>Ids are "ariadne-" and the entity's or link's Guid ("N" format); nothing is exported that is not in the input, and a
/// link to an entity not in the input is left out.</para>
/// </remarks>
public static class FtmExport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // Readable UTF-8 for Azerbaijani and Cyrillic; characters that matter in HTML are still escaped.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Indented = false,
    };

    /// <summary>The FtM id of an entity or link.</summary>
    public static string IdOf(Guid id) => "ariadne-" + id.ToString("N", Invariant);

    /// <summary>The export as one string, a line per entity (each ending with "\n").</summary>
    public static string ToJsonLines(IEnumerable<EntityFacts> entities, IEnumerable<LinkFacts> links, string datasetName)
    {
        using var writer = new StringWriter(Invariant);
        Write(writer, entities, links, datasetName);
        return writer.ToString();
    }

    /// <summary>Writes the export, a line per entity: the entities in input order, then the links that are entities of their own.</summary>
    public static void Write(TextWriter writer, IEnumerable<EntityFacts> entities, IEnumerable<LinkFacts> links, string datasetName)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(entities);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetName);

        foreach (var entity in Build(entities, links))
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
            using (var json = new Utf8JsonWriter(buffer, WriterOptions))
            {
                json.WriteStartObject();
                json.WriteString("id", entity.Id);
                json.WriteString("schema", entity.Schema);
                json.WriteStartObject("properties");
                foreach (var (name, values) in entity.Properties)
                {
                    json.WriteStartArray(name);
                    foreach (var value in values)
                        json.WriteStringValue(value);
                    json.WriteEndArray();
                }

                json.WriteEndObject();
                json.WriteStartArray("datasets");
                json.WriteStringValue(datasetName);
                json.WriteEndArray();
                json.WriteEndObject();
            }

            writer.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
            writer.Write('\n');
        }
    }

    private static List<FtmEntity> Build(IEnumerable<EntityFacts> entities, IEnumerable<LinkFacts> links)
    {
        var facts = new Dictionary<Guid, EntityFacts>();
        var built = new Dictionary<Guid, FtmEntity>();
        var output = new List<FtmEntity>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entity in entities)
        {
            if (entity is null || !facts.TryAdd(entity.Id, entity))
                continue;
            if (FromEntity(entity) is { } ftm)
            {
                built[entity.Id] = ftm;
                output.Add(ftm);
                used.Add(ftm.Id);
            }
        }

        var distinctLinks = new List<LinkFacts>();
        var linkIds = new HashSet<Guid>();
        foreach (var link in links)
        {
            if (link is not null && linkIds.Add(link.Id) && facts.ContainsKey(link.From) && facts.ContainsKey(link.To) && link.From != link.To)
                distinctLinks.Add(link);
        }

        // Who uses each phone, for the caller and receiver of a call.
        var phoneUsers = distinctLinks
            .Where(l => l.Kind == LinkKind.Uses && facts[l.To].Kind == EntityKind.Phone && IsLegalEntity(facts[l.From].Kind))
            .GroupBy(l => l.To).ToDictionary(g => g.Key, g => g.Select(l => l.From).Distinct().ToList());

        foreach (var link in distinctLinks)
        {
            var from = facts[link.From];
            var to = facts[link.To];
            if (FromLink(link, from, to, built, phoneUsers) is { } ftm && used.Add(ftm.Id))
                output.Add(ftm);
        }

        return output;
    }

    private static FtmEntity? FromEntity(EntityFacts e)
    {
        FtmEntity ftm;
        switch (e.Kind)
        {
            case EntityKind.Person:
                ftm = new FtmEntity(e.Id, "Person", thing: true);
                ftm.Add("name", e.Value);
                ftm.Add("birthDate", Date(e.Detail));
                ftm.Add("country", Country(e.Country));
                break;
            case EntityKind.Company:
                ftm = new FtmEntity(e.Id, "Company", thing: true);
                ftm.Add("name", e.Value);
                ftm.Add("registrationNumber", e.Detail);
                ftm.Add("jurisdiction", Country(e.Country));
                break;
            case EntityKind.Address:
                ftm = new FtmEntity(e.Id, "Address", thing: true);
                ftm.Add("full", e.Value);
                ftm.Add("country", Country(e.Country));
                break;
            case EntityKind.Vehicle:
                ftm = new FtmEntity(e.Id, "Vehicle", thing: true);
                ftm.Add("registrationNumber", e.Value);
                ftm.Add("model", e.Detail);
                ftm.Add("country", Country(e.Country));
                break;
            case EntityKind.BankAccount:
                ftm = new FtmEntity(e.Id, "BankAccount", thing: true);
                if (EntityResolution.NormalizeIban(e.Value) is { } iban)
                    ftm.Add("iban", iban);
                else
                    ftm.Add("accountNumber", e.Value);
                ftm.Add("bankName", e.Detail);
                ftm.Add("country", Country(e.Country));
                break;
            case EntityKind.Travel:
                ftm = new FtmEntity(e.Id, "Event", thing: true);
                ftm.Add("name", e.Value);
                ftm.Add("date", Date(e.Detail));
                ftm.Add("country", Country(e.Country));
                ftm.Add("startDate", Date(e.ValidFrom));
                ftm.Add("endDate", Date(e.ValidUntil));
                break;
            case EntityKind.Payment:
                ftm = new FtmEntity(e.Id, "Payment", thing: false);
                if (Amount(e.Value) is { } amount)
                {
                    ftm.Add("amount", amount.Amount);
                    ftm.Add("currency", amount.Currency);
                }
                else
                    ftm.Add("summary", e.Value);
                ftm.Add("date", Date(e.Detail));
                ftm.Add("startDate", Date(e.ValidFrom));
                ftm.Add("endDate", Date(e.ValidUntil));
                break;
            default:
                return null; // a phone is a property of its users (FtM has no phone schema)
        }

        ftm.Add("publisher", e.Source);
        var dated = e.Kind is EntityKind.Travel or EntityKind.Payment;
        ftm.AddProvenance(Provenance(e.Reliability, e.Handling, dated ? null : e.ValidFrom, dated ? null : e.ValidUntil, null));
        return ftm;
    }

    private static FtmEntity? FromLink(LinkFacts link, EntityFacts from, EntityFacts to, Dictionary<Guid, FtmEntity> built,
        Dictionary<Guid, List<Guid>> phoneUsers)
    {
        var fromId = IdOf(from.Id);
        var toId = IdOf(to.Id);
        switch (link.Kind)
        {
            case LinkKind.Uses when to.Kind == EntityKind.Phone:
                if (built.TryGetValue(from.Id, out var user) && IsLegalEntity(from.Kind))
                {
                    user.Add("phone", to.Value);
                    user.AddProvenance(Folded("phone", link));
                }

                return null;
            case LinkKind.Called when from.Kind == EntityKind.Phone && to.Kind == EntityKind.Phone:
                var call = Interval(link, "Call");
                call.Add("callerNumber", from.Value);
                call.Add("receiverNumber", to.Value);
                foreach (var caller in phoneUsers.GetValueOrDefault(from.Id) ?? [])
                    call.Add("caller", IdOf(caller));
                foreach (var receiver in phoneUsers.GetValueOrDefault(to.Id) ?? [])
                    call.Add("receiver", IdOf(receiver));
                return call;
            case LinkKind.LocatedAt when to.Kind == EntityKind.Address && built.TryGetValue(from.Id, out var located) && located.IsThing:
                located.Add("addressEntity", toId);
                located.Add("address", to.Value);
                located.AddProvenance(Folded("address", link));
                return null;
            case LinkKind.PaidBy when to.Kind == EntityKind.Payment && IsPayer(from.Kind):
                var paid = built[to.Id];
                paid.Add(from.Kind == EntityKind.BankAccount ? "payerAccount" : "payer", fromId);
                paid.AddProvenance(Folded("payer", link));
                return null;
            case LinkKind.PaidTo when from.Kind == EntityKind.Payment && IsPayer(to.Kind):
                var received = built[from.Id];
                received.Add(to.Kind == EntityKind.BankAccount ? "beneficiaryAccount" : "beneficiary", toId);
                received.AddProvenance(Folded("beneficiary", link));
                return null;
            case LinkKind.Travelled when to.Kind == EntityKind.Travel && IsLegalEntity(from.Kind):
                var trip = built[to.Id];
                trip.Add("involved", fromId);
                trip.AddProvenance(Folded("traveller", link));
                return null;
            case LinkKind.Owns when IsLegalEntity(from.Kind) && to.Kind is EntityKind.Company or EntityKind.Vehicle or EntityKind.BankAccount:
                return Pair(link, "Ownership", "owner", fromId, "asset", toId);
            case LinkKind.Directs when IsLegalEntity(from.Kind) && to.Kind == EntityKind.Company:
                return Pair(link, "Directorship", "director", fromId, "organization", toId);
            case LinkKind.Employs when from.Kind == EntityKind.Company && to.Kind == EntityKind.Person:
                return Pair(link, "Employment", "employer", fromId, "employee", toId);
            case LinkKind.Family when from.Kind == EntityKind.Person && to.Kind == EntityKind.Person:
                return Pair(link, "Family", "person", fromId, "relative", toId);
            case LinkKind.Associate when from.Kind == EntityKind.Person && to.Kind == EntityKind.Person:
                return Pair(link, "Associate", "person", fromId, "associate", toId);
            default:
                // Anything else between two exported entities: a link of unknown nature, its kind as role.
                if (!built.ContainsKey(from.Id) || !built.ContainsKey(to.Id))
                    return null;
                var other = Pair(link, "UnknownLink", "subject", fromId, "object", toId);
                other.Add("role", Role(link.Kind));
                return other;
        }
    }

    private static FtmEntity Pair(LinkFacts link, string schema, string fromProperty, string fromId, string toProperty, string toId)
    {
        var ftm = Interval(link, schema);
        ftm.Add(fromProperty, fromId);
        ftm.Add(toProperty, toId);
        return ftm;
    }

    private static FtmEntity Interval(LinkFacts link, string schema)
    {
        var ftm = new FtmEntity(link.Id, schema, thing: false);
        ftm.Add("startDate", Date(link.ValidFrom));
        ftm.Add("endDate", Date(link.ValidUntil));
        ftm.Add("publisher", link.Source);
        ftm.AddProvenance(Provenance(link.Reliability, link.Handling, null, null, null));
        return ftm;
    }

    private static string Folded(string role, LinkFacts link) =>
        Provenance(link.Reliability, link.Handling, link.ValidFrom, link.ValidUntil, $"{role} ({IdOf(link.Id)}), source: {Clean(link.Source)}");

    private static string Provenance(string reliability, string handling, DateOnly? from, DateOnly? until, string? subject)
    {
        var text = new StringBuilder();
        if (subject is not null)
            text.Append(subject).Append("; ");
        text.Append("Reliability: ").Append(Clean(reliability)).Append("; Handling: ").Append(Clean(handling));
        if (from is not null || until is not null)
            text.Append("; Valid: ").Append(Date(from) ?? "").Append(" – ").Append(Date(until) ?? "");
        return text.ToString();
    }

    private static string Role(LinkKind kind) => kind switch
    {
        LinkKind.Uses => "uses",
        LinkKind.LocatedAt => "located at",
        LinkKind.Owns => "owns",
        LinkKind.Directs => "directs",
        LinkKind.Employs => "employs",
        LinkKind.PaidBy => "paid by",
        LinkKind.PaidTo => "paid to",
        LinkKind.Travelled => "travelled",
        LinkKind.Associate => "associate",
        LinkKind.Family => "family",
        LinkKind.Called => "called",
        _ => "linked",
    };

    private static bool IsLegalEntity(EntityKind kind) => kind is EntityKind.Person or EntityKind.Company;

    private static bool IsPayer(EntityKind kind) => kind is EntityKind.Person or EntityKind.Company or EntityKind.BankAccount;

    private static string Clean(string? value) => string.IsNullOrWhiteSpace(value) ? "-" : value.Trim();

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", Invariant);

    /// <summary>A date written yyyy-MM-dd (or its prefix yyyy-MM, yyyy), as FtM dates are; anything else is not a date.</summary>
    private static string? Date(string? value)
    {
        value = value?.Trim();
        if (string.IsNullOrEmpty(value))
            return null;
        string[] formats = ["yyyy-MM-dd", "yyyy-MM", "yyyy"];
        return DateTime.TryParseExact(value, formats, Invariant, DateTimeStyles.None, out _) ? value : null;
    }

    /// <summary>FtM countries are ISO 3166-1 alpha-2 in lower case.</summary>
    private static string? Country(string? value)
    {
        value = value?.Trim();
        return value is { Length: 2 } && char.IsAsciiLetter(value[0]) && char.IsAsciiLetter(value[1]) ? value.ToLowerInvariant() : null;
    }

    /// <summary>"1500 EUR", "1 500,50 AZN", "EUR 1500.00": the number (invariant) and the ISO currency code.</summary>
    internal static (string Amount, string Currency)? Amount(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var parts = value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string? currency = null;
        if (parts.Length >= 2 && IsCurrency(parts[^1]))
            (currency, parts) = (parts[^1], parts[..^1]);
        else if (parts.Length >= 2 && IsCurrency(parts[0]))
            (currency, parts) = (parts[0], parts[1..]);
        if (currency is null)
            return null;
        var number = string.Concat(parts);
        // The separator written last is the decimal one when both appear (1.500,50 and 1,500.50); a lone comma is decimal.
        int comma = number.LastIndexOf(','), dot = number.LastIndexOf('.');
        number = comma > dot
            ? number.Replace(".", "", StringComparison.Ordinal).Replace(',', '.')
            : number.Replace(",", "", StringComparison.Ordinal);
        return decimal.TryParse(number, NumberStyles.AllowDecimalPoint, Invariant, out var amount)
            ? (amount.ToString(Invariant), currency.ToUpperInvariant())
            : null;
    }

    private static bool IsCurrency(string token) => token.Length == 3 && token.All(char.IsAsciiLetter);

    /// <summary>An FtM entity being built: properties in the order first added, values distinct.</summary>
    private sealed class FtmEntity(Guid id, string schema, bool thing)
    {
        public string Id { get; } = IdOf(id);
        public string Schema { get; } = schema;
        public bool IsThing { get; } = thing;
        public List<(string Name, List<string> Values)> Properties { get; } = [];

        public void Add(string name, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
                return;
            value = value.Trim();
            var index = Properties.FindIndex(p => string.Equals(p.Name, name, StringComparison.Ordinal));
            if (index < 0)
                Properties.Add((name, [value]));
            else if (!Properties[index].Values.Contains(value, StringComparer.Ordinal))
                Properties[index].Values.Add(value);
        }

        /// <summary>Notes on a Thing, description on an Interval (which has no notes).</summary>
        public void AddProvenance(string text) => Add(IsThing ? "notes" : "description", text);
    }
}
