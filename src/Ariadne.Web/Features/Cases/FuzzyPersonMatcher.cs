using Ariadne.Linkage;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Crypto;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// The transliteration-aware probabilistic matcher (Ariadne.Linkage: Fellegi–Sunter with EM) behind the
/// duplicate-check seam and the Squad's person search. It looks only at people whose identity the viewer
/// may read through a grant — never break-glass, never a Status-only view — decrypting at most the
/// <see cref="MaxPopulation"/> most recent of them, and explains each candidate field by field.
/// </summary>
public sealed class FuzzyPersonMatcher(CaseAccess access, DataKeys dataKeys, PersonVault vault) : IPersonMatcher
{
    public const int MaxPopulation = 5000;
    public const double Threshold = 0.8;

    /// <summary>Linkage field names → the case field names the pages translate.</summary>
    private static readonly Dictionary<string, string> FieldNames = new(StringComparer.Ordinal)
    {
        ["given_name"] = "givenName",
        ["surname"] = "familyName",
        ["patronymic"] = "patronymic",
        ["date_of_birth"] = "dateOfBirth",
        ["sex"] = "sex",
        ["citizenship"] = "citizenship",
        ["document_number"] = "documentNumber",
        ["phone"] = "phone",
    };

    public async Task<IReadOnlyList<MatchCandidate>> FindAsync(Viewer viewer, Ariadne.Linkage.PersonRecord probe, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(probe.GivenName) && string.IsNullOrWhiteSpace(probe.Surname))
            return [];
        var readable = access.ActiveGrants(viewer).Where(g => (g.Read & DataClass.Identity) == DataClass.Identity);
        // A phone is Contact and location: it takes part only where the viewer may read that class too.
        var contact = (await access.ActiveGrants(viewer).Where(g => (g.Read & DataClass.ContactLocation) == DataClass.ContactLocation)
            .Select(g => g.CaseId).ToListAsync(ct)).ToHashSet();
        var rows = await access.VisibleCases(viewer).Where(c => readable.Any(g => g.CaseId == c.Id))
            .OrderByDescending(c => c.Recency).Take(MaxPopulation)
            .Select(c => new { c.Id, c.Number, Person = c.Person! }).AsNoTracking().ToListAsync(ct);
        var population = new List<Ariadne.Linkage.PersonRecord>(rows.Count);
        var cases = new List<(Guid Id, string Number)>(rows.Count);
        var keys = await dataKeys.UnwrapManyAsync(rows.Select(r => r.Person.DataKeyId), ct);
        foreach (var row in rows)
        {
            if (!keys.TryGetValue(row.Person.DataKeyId, out var key))
                continue;
            var p = vault.Open(row.Person, key);
            population.Add(LinkageRecords.From(row.Id.ToString("N"), p, withPhone: contact.Contains(row.Id)));
            cases.Add((row.Id, row.Number));
        }
        var query = probe with { Id = "probe" };
        // Few people in view teach the model little: then a candidate also counts when name and birth date
        // agree outright (same or same-sounding given name, same surname or stem, same or near birth date — or no
        // birth date asked for: a search by the exact name alone finds the person).
        return Linker.Candidates(query, population, 0.0)
            .Where(s => s.Probability >= Threshold || (population.Count < 1000 && AgreesOnNameAndBirth(s, string.IsNullOrWhiteSpace(probe.DateOfBirth))))
            .Take(20)
            .Select(s => new MatchCandidate(cases[s.Right].Id, cases[s.Right].Number,
                s.Evidence.Where(e => e.Weight > 0 && FieldNames.ContainsKey(e.Field)).Select(e => FieldNames[e.Field]).ToList(), Math.Round(s.Probability, 3)))
            .ToList();
    }

    private static bool AgreesOnNameAndBirth(ScoredPair pair, bool noBirthAsked)
    {
        string? Level(string field) => pair.Evidence.FirstOrDefault(e => e.Field == field)?.Level;
        return Level("given_name") is { } given && given != "different" && given != "similar"
            && Level("surname") is { } surname && surname != "different" && surname != "similar"
            && (Level("date_of_birth") is "same" or "one part off or day/month swapped" || (noBirthAsked && Level("date_of_birth") is null));
    }
}
