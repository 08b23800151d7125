using System.Reflection;
using System.Text.Json;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;

namespace Ariadne.IntegrationTests;

/// <summary>
/// The OpenAPI document carries each case field's data class, read from the same attributes as the
/// projection. The document does not depend on the database, so this runs on SQLite only.
/// </summary>
public sealed class CaseSchemaTestsOnSqlite(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Extension = CaseSchemaTransformer.Extension;

    [Fact]
    public async Task The_case_schemas_carry_each_fields_data_class_and_nothing_else_does()
    {
        using var session = app.NewSession();
        using var document = JsonDocument.Parse(await session.Client.GetStringAsync("/openapi/v1.json"));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");

        // Every input the API accepts, with the class a writer must hold.
        var input = schemas.GetProperty(nameof(CaseInput)).GetProperty("properties");
        foreach (var property in typeof(CaseInput).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = CaseProjection.Name(property.Name);
            Assert.Equal(CaseProjection.AllFields[name].ToString(), input.GetProperty(name).GetProperty(Extension).GetString());
        }

        foreach (var name in CaseSchemaTransformer.Schemas)
        {
            foreach (var property in schemas.GetProperty(name).GetProperty("properties").EnumerateObject())
            {
                var expected = CaseProjection.AllFields.TryGetValue(property.Name, out var c) ? c.ToString() : null;
                Assert.Equal(expected, property.Value.TryGetProperty(Extension, out var actual) ? actual.GetString() : null);
            }
            // The case document's fields, a dictionary in C#: every field it may carry, with its class, and no other.
            if (name == "CaseDocument")
            {
                var fields = schemas.GetProperty(name).GetProperty("properties").GetProperty("fields");
                var listed = fields.GetProperty("properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetProperty(Extension).GetString());
                Assert.Equal(CaseProjection.AllFields.ToDictionary(f => f.Key, f => (string?)f.Value.ToString()), listed);
                Assert.False(fields.GetProperty("additionalProperties").GetBoolean());
            }
        }

        // The class sits on the case schemas' properties only, never on a shared component such as CaseStatus.
        var elsewhere = new List<string>();
        Find(document.RootElement, "$", elsewhere);
        Assert.NotEmpty(elsewhere);
        Assert.DoesNotContain(elsewhere, path => !CaseSchemaTransformer.Schemas.Any(s => path.StartsWith($"$.components.schemas.{s}.properties.", StringComparison.Ordinal)));
    }

    private static void Find(JsonElement element, string path, List<string> found)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
                if (property.Name == Extension)
                    found.Add(path);
                else
                    Find(property.Value, path + "." + property.Name, found);
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray())
                Find(item, $"{path}[{i++}]", found);
        }
    }
}
