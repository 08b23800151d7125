using System.Reflection;
using System.Text.Json.Nodes;
using Ariadne.Web.Platform.Access;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// Writes each case field's data class into the OpenAPI document, from the same
/// <see cref="DataClassAttribute"/> the projection reads: every property of the case schemas named like a
/// classified field of <see cref="CaseRecord"/> or <see cref="PersonRecord"/> gets
/// <c>"x-data-class": "Identity"</c> (and so on), and the case document's <c>fields</c> object, a
/// dictionary in C#, lists every field it may carry with its type and class. A client can tell from the
/// schema which class it must hold to see or change a field.
/// </summary>
/// <remarks>
/// A document transformer, not a schema transformer: it runs once the schemas are components, so an
/// enum-typed field's class is written next to its reference and not into the shared enum schema.
/// </remarks>
public sealed class CaseSchemaTransformer : IOpenApiDocumentTransformer
{
    public const string Extension = "x-data-class";

    /// <summary>The API's case schemas (by component name, which is the type's name): the input, the list item, the document.</summary>
    public static readonly string[] Schemas = [nameof(CaseInput), "CaseSummary", "CaseDocument"];

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        if (document.Components?.Schemas is not { } components)
            return;
        foreach (var name in Schemas)
        {
            if (!components.TryGetValue(name, out var found) || found is not OpenApiSchema { Properties: { } properties })
                continue;
            foreach (var property in properties.Keys.ToList())
                if (CaseProjection.AllFields.TryGetValue(property, out var dataClass))
                    properties[property] = Classify(properties[property], dataClass);
            if (properties.TryGetValue("fields", out var value) && value is OpenApiSchema fields)
            {
                fields.Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
                foreach (var field in CaseProjection.CaseRecordFields.Concat(CaseProjection.PersonRecordFields))
                {
                    var schema = await context.GetOrCreateSchemaAsync(field.Property.PropertyType, null, cancellationToken);
                    // A type says nothing of a string's nullability: the property's annotation does.
                    if (new NullabilityInfoContext().Create(field.Property).ReadState == NullabilityState.Nullable && schema.Type is { } type)
                        schema.Type = type | JsonSchemaType.Null;
                    fields.Properties[field.Name] = Classify(schema, field.Class);
                }
                // The projection sends nothing else: a field is absent when its class is not readable.
                fields.AdditionalPropertiesAllowed = false;
                fields.AdditionalProperties = null;
            }
        }
    }

    /// <summary>The schema with its class; a bare reference cannot carry an extension, so it is wrapped.</summary>
    private static OpenApiSchema Classify(IOpenApiSchema schema, DataClass dataClass)
    {
        var target = schema as OpenApiSchema ?? new OpenApiSchema { AllOf = [schema] };
        target.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal);
        target.Extensions[Extension] = new JsonNodeExtension(JsonValue.Create(dataClass.ToString()));
        return target;
    }
}
