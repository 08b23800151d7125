using System.Reflection;
using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// Field-level need-to-know: keeps only the fields whose data class the viewer may read. Pages and API
/// responses render from this projection, so a field outside the viewer's classes is never sent.
/// The fields and their classes are read from the <see cref="DataClassAttribute"/> on
/// <see cref="CaseRecord"/> and <see cref="PersonRecord"/>, the only place they are declared.
/// </summary>
public static class CaseProjection
{
    /// <summary>A classified field of a record: its JSON name (camelCase), property, class and input kind.</summary>
    public sealed record Field(string Name, PropertyInfo Property, DataClass Class, FieldInput Input);

    /// <summary>The case's own fields, in declaration order.</summary>
    public static IReadOnlyList<Field> CaseRecordFields { get; } = Fields(typeof(CaseRecord));

    /// <summary>The person's fields, in declaration order.</summary>
    public static IReadOnlyList<Field> PersonRecordFields { get; } = Fields(typeof(PersonRecord));

    /// <summary>The names of every field a class opens, for tests, documentation and the API schema.</summary>
    public static IReadOnlyDictionary<string, DataClass> AllFields { get; } =
        CaseRecordFields.Concat(PersonRecordFields).ToDictionary(f => f.Name, f => f.Class);

    public static Dictionary<string, object?> Project(CaseRecord record, PersonRecord? person, DataClass read)
    {
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in CaseRecordFields)
            if ((read & field.Class) == field.Class)
                fields[field.Name] = field.Property.GetValue(record);
        if (person is not null)
            foreach (var field in PersonRecordFields)
                if ((read & field.Class) == field.Class)
                    fields[field.Name] = field.Property.GetValue(person);
        return fields;
    }

    /// <summary>The JSON name of a property: camelCase, as the API and the projection spell it.</summary>
    public static string Name(string property) => char.ToLowerInvariant(property[0]) + property[1..];

    private static Field[] Fields(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.GetCustomAttribute<DataClassAttribute>() is { } attribute
            ? new Field(Name(p.Name), p, attribute.Class, attribute.Input)
            : throw new InvalidOperationException($"{type.Name}.{p.Name} has no data class")).ToArray();
}
