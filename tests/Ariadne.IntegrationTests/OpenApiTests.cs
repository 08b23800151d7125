using System.Text.Json;
using Ariadne.IntegrationTests.Infrastructure;

namespace Ariadne.IntegrationTests;

/// <summary>
/// The OpenAPI document names every response each /api/v1 operation can give: the handler's typed
/// results and the problems the pipeline answers around it (token, unreadable body, size, content type).
/// </summary>
public abstract class OpenApiTests(AriadneApp app)
{
    /// <summary>Every operation under /api/v1 and the status codes it can answer with.</summary>
    private static readonly Dictionary<string, int[]> Expected = new(StringComparer.Ordinal)
    {
        ["GET /api/v1/me"] = [200, 401],
        ["GET /api/v1/institutions"] = [200, 401, 403],
        ["GET /api/v1/institutions/{id}"] = [200, 401, 403, 404],
        ["POST /api/v1/institutions"] = [201, 400, 401, 403, 409, 413, 415, 422],
        ["GET /api/v1/cases"] = [200, 400, 401, 403],
        ["GET /api/v1/cases/search"] = [200, 400, 401, 403],
        ["GET /api/v1/cases/{id}"] = [200, 401, 403, 404],
        ["POST /api/v1/cases"] = [201, 400, 401, 403, 404, 409, 413, 415, 422],
        ["PATCH /api/v1/cases/{id}"] = [204, 400, 401, 403, 404, 413, 415, 422],
        ["GET /api/v1/cases/{id}/age-assessments"] = [200, 401, 403, 404],
        ["POST /api/v1/cases/{id}/age-assessments"] = [204, 400, 401, 403, 404, 413, 415, 422],
        ["GET /api/v1/referrals"] = [200, 401, 403],
        ["GET /api/v1/referrals/{id}"] = [200, 401, 403, 404],
        ["POST /api/v1/referrals"] = [201, 400, 401, 403, 413, 415, 422, 503],
        ["GET /api/v1/shelters"] = [200, 400, 401, 403],
        ["GET /api/v1/placements"] = [200, 401, 403, 404],
        ["POST /api/v1/helpline/calls"] = [200, 400, 401, 403, 404, 413, 415],
        ["GET /api/v1/helpline/contacts"] = [200, 401, 403],
        ["POST /api/v1/helpline/contacts"] = [201, 400, 401, 403, 404, 413, 415, 422],
        ["GET /api/v1/helpline/contacts/{id}"] = [200, 401, 403, 404],
        ["POST /api/v1/helpline/contacts/{id}/forward"] = [200, 401, 403, 404, 409, 422],
        ["POST /api/v1/placements"] = [201, 400, 401, 403, 404, 413, 415, 422],
        ["POST /api/v1/placements/{id}/discharge"] = [200, 400, 401, 403, 404, 409, 413, 415, 422],
        ["GET /api/v1/services"] = [200, 400, 401, 403, 404],
        ["GET /api/v1/investigations"] = [200, 401, 403],
        ["POST /api/v1/investigations"] = [201, 400, 401, 403, 413, 415, 422],
        ["GET /api/v1/investigations/{id}"] = [200, 401, 403, 404],
        ["POST /api/v1/investigations/{id}/stages"] = [204, 400, 401, 403, 404, 409, 413, 415, 422],
        ["POST /api/v1/investigations/{id}/parties"] = [204, 400, 401, 403, 404, 409, 413, 415, 422],
        ["POST /api/v1/investigations/{id}/measures"] = [204, 400, 401, 403, 404, 409, 413, 415, 422],
        ["POST /api/v1/investigations/{id}/non-punishment"] = [204, 400, 401, 403, 404, 409, 413, 415, 422],
        ["GET /api/v1/plan/measures"] = [200, 400, 401, 403],
        ["GET /api/v1/statistics/releases"] = [200, 401, 403],
        ["GET /api/v1/statistics/releases/{id}"] = [200, 401, 403, 404],
        ["GET /api/v1/statistics/releases/{id}/tables/{code}"] = [200, 401, 403, 404],
        ["GET /api/v1/information-requests"] = [200, 401, 403],
        ["POST /api/v1/information-requests"] = [202, 400, 401, 403, 404, 413, 415, 422],
        ["GET /api/v1/plan/measures/{id}"] = [200, 401, 403, 404],
        ["POST /api/v1/plan/measures/{id}/status"] = [200, 400, 401, 403, 404, 409, 413, 415],
        ["GET /api/v1/trainings/courses"] = [200, 401, 403],
        ["GET /api/v1/trainings/sessions"] = [200, 401, 403],
        ["GET /api/v1/trainings/certificates/{number}"] = [200, 401, 403, 404],
        ["POST /api/v1/trainings/sessions/{id}/attendance"] = [204, 400, 401, 403, 404, 409, 413, 415, 422],
        ["PUT /api/v1/plan/measures/{id}/actuals"] = [200, 400, 401, 403, 404, 409, 413, 415],
        ["GET /api/v1/meetings"] = [200, 401, 403],
        ["GET /api/v1/meetings/{id}"] = [200, 401, 403, 404],
        ["POST /api/v1/meetings"] = [201, 400, 401, 403, 413, 415, 422],
        ["POST /api/v1/meetings/{id}/action-items/{itemId}/status"] = [200, 400, 401, 403, 404, 409, 413, 415],
        ["GET /api/v1/resources/needs"] = [200, 400, 401, 403, 404],
        ["GET /api/v1/resources/needs/{id}"] = [200, 401, 403, 404],
        ["POST /api/v1/resources/needs"] = [201, 400, 401, 403, 404, 413, 415, 422],
        ["POST /api/v1/resources/flows"] = [201, 400, 401, 403, 404, 413, 415, 422],
        ["GET /api/v1/resources/iati"] = [200, 401, 403, 404],
        ["POST /api/v1/resources/iati"] = [200, 400, 401, 403, 404, 413, 415],
        ["GET /api/v1/evidence"] = [200, 400, 401, 403, 404],
        ["POST /api/v1/evidence"] = [201, 400, 401, 403, 404, 409, 413, 415],
        ["GET /api/v1/evidence/{id}"] = [200, 401, 403, 404],
        ["GET /api/v1/evidence/{id}/content"] = [200, 401, 403, 404, 409],
        ["POST /api/v1/evidence/{id}/custody"] = [204, 400, 401, 403, 404, 409, 413, 415, 422],
        ["GET /api/v1/entities"] = [200, 400, 401, 403, 404],
        ["POST /api/v1/entities"] = [201, 400, 401, 403, 404, 409, 413, 415, 422],
        ["POST /api/v1/entities/links"] = [201, 400, 401, 403, 404, 409, 413, 415, 422],
        ["GET /api/v1/entities/graph"] = [200, 400, 401, 403, 404],
        ["POST /api/v1/entities/{id}/ask-owner"] = [204, 400, 401, 403, 404, 409, 413, 415],
        ["GET /api/v1/entities/connection-requests"] = [200, 401, 403],
        ["POST /api/v1/entities/connection-requests/{id}/decision"] = [204, 400, 401, 403, 404, 409, 413, 415],
        ["POST /api/v1/entities/merges"] = [204, 400, 401, 403, 404, 409, 413, 415],
        ["DELETE /api/v1/entities/merges/{id}"] = [204, 400, 401, 403, 404, 409],
        ["POST /api/v1/entities/export"] = [200, 400, 401, 403, 404, 409, 413, 415],
        ["POST /api/v1/services/{id}/sessions"] = [201, 400, 401, 403, 404, 413, 415, 422],
        ["POST /api/v1/investigations/{id}/cooperation-requests"] = [201, 400, 401, 403, 404, 409, 413, 415, 422],
        ["GET /api/v1/investigations/{id}/cooperation-requests"] = [200, 401, 403, 404],
        ["GET /api/v1/cooperation-requests"] = [200, 401, 403],
        ["GET /api/v1/cooperation-requests/{id}"] = [200, 401, 403, 404],
        ["PUT /api/v1/cooperation-requests/{id}"] = [204, 400, 401, 403, 404, 409, 413, 415],
        ["POST /api/v1/cooperation-requests/{id}/items"] = [204, 400, 401, 403, 404, 409, 413, 415, 422],
        ["DELETE /api/v1/cooperation-requests/{id}/items/{itemId}"] = [204, 401, 403, 404, 409],
        ["POST /api/v1/cooperation-requests/{id}/submit"] = [204, 400, 401, 403, 404, 409],
        ["POST /api/v1/cooperation-requests/{id}/return"] = [204, 400, 401, 403, 404, 409, 413, 415],
        ["POST /api/v1/cooperation-requests/{id}/send"] = [204, 400, 401, 403, 404, 409, 413, 415],
        ["POST /api/v1/cooperation-requests/{id}/replies"] = [204, 400, 401, 403, 404, 409, 413, 415],
        ["POST /api/v1/cooperation-requests/{id}/reminders"] = [204, 400, 401, 403, 404, 409, 413, 415],
        ["POST /api/v1/cooperation-requests/{id}/close"] = [204, 401, 403, 404, 409],
    };

    /// <summary>The operations whose success is a file (the evidence locker's watermarked download).</summary>
    private static readonly HashSet<string> Downloads = ["GET /api/v1/evidence/{id}/content", "POST /api/v1/entities/export"];

    /// <summary>Operations whose answer is a document in an exchange standard's own XML (IATI), declared as such.</summary>
    private static readonly HashSet<string> XmlDocuments = ["GET /api/v1/resources/iati"];

    public static TheoryData<string> Operations => new(Expected.Keys);

    private async Task<Dictionary<string, JsonElement>> ApiOperationsAsync()
    {
        using var session = app.NewSession();
        using var document = JsonDocument.Parse(await session.Client.GetStringAsync("/openapi/v1.json"));
        return (from path in document.RootElement.GetProperty("paths").EnumerateObject()
                where path.Name.StartsWith("/api/v1/", StringComparison.Ordinal)
                from operation in path.Value.EnumerateObject()
                select (Key: $"{operation.Name.ToUpperInvariant()} {path.Name}", Responses: operation.Value.GetProperty("responses").Clone()))
            .ToDictionary(o => o.Key, o => o.Responses, StringComparer.Ordinal);
    }

    [Fact]
    public async Task Every_api_operation_has_a_row_in_the_table()
    {
        var operations = await ApiOperationsAsync();
        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), operations.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Each_operation_lists_the_responses_it_can_give(string operation)
    {
        var responses = (await ApiOperationsAsync())[operation];
        var listed = responses.EnumerateObject().Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.True(listed.Count > 1, $"{operation} lists only {string.Join(", ", listed)}");
        Assert.Equal(Expected[operation], listed);
    }

    [Fact]
    public async Task Every_success_has_a_body_schema_and_every_failure_is_problem_details()
    {
        var failures = new List<string>();
        foreach (var (operation, responses) in await ApiOperationsAsync())
        {
            var statuses = responses.EnumerateObject().ToList();
            if (!statuses.Any(s => s.Name.StartsWith('2')))
                failures.Add($"{operation}: no 2xx response");
            foreach (var status in statuses)
            {
                var content = status.Value.TryGetProperty("content", out var c) ? c : default;
                if (status.Name == "204")
                {
                    if (content.ValueKind != JsonValueKind.Undefined)
                        failures.Add($"{operation} 204: a body");
                }
                else if (status.Name.StartsWith('2') && Downloads.Contains(operation))
                {
                    // A file download: its bytes, never JSON.
                    if (content.ValueKind == JsonValueKind.Undefined || !content.TryGetProperty("application/octet-stream", out _))
                        failures.Add($"{operation} {status.Name}: not a binary download");
                }
                else if (status.Name.StartsWith('2') && XmlDocuments.Contains(operation))
                {
                    if (content.ValueKind == JsonValueKind.Undefined || !content.TryGetProperty("application/xml", out _))
                        failures.Add($"{operation} {status.Name}: not an XML document");
                }
                else if (status.Name.StartsWith('2'))
                {
                    // A named schema, or an array of one: never an anonymous or missing body.
                    if (content.ValueKind == JsonValueKind.Undefined || !content.TryGetProperty("application/json", out var json)
                        || !json.TryGetProperty("schema", out var schema)
                        || !(schema.TryGetProperty("$ref", out _) || (schema.TryGetProperty("items", out var items) && items.TryGetProperty("$ref", out _))))
                        failures.Add($"{operation} {status.Name}: no named JSON schema");
                }
                else if (content.ValueKind == JsonValueKind.Undefined || !content.TryGetProperty("application/problem+json", out var problem)
                    || !problem.TryGetProperty("schema", out _))
                {
                    failures.Add($"{operation} {status.Name}: not problem details");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}

// On SQLite only: what this class tests (HTTP, settings, page plumbing) does not depend on the database; the sweep of every
// handler (SweepTests) runs its pages on PostgreSQL too.
public sealed class OpenApiTestsOnSqlite(SqliteApp app) : OpenApiTests(app), IClassFixture<SqliteApp>;
