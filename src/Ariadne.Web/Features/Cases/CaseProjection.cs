using System.Reflection;
using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// Field-level need-to-know: keeps only the fields whose data class the viewer may read. Pages and API
/// responses render from this projection, so a field outside the viewer's classes is never sent.
/// </summary>
public static class CaseProjection
{
    private static readonly (PropertyInfo Property, DataClass Class)[] CaseFields = Fields(typeof(CaseRecord));
    private static readonly (PropertyInfo Property, DataClass Class)[] PersonFields = Fields(typeof(PersonRecord));

    /// <summary>The names of every field a class opens, for tests and documentation.</summary>
    public static IReadOnlyDictionary<string, DataClass> AllFields { get; } =
        CaseFields.Concat(PersonFields).ToDictionary(f => Name(f.Property), f => f.Class);

    public static Dictionary<string, object?> Project(CaseRecord record, PersonRecord? person, DataClass read)
    {
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (property, dataClass) in CaseFields)
            if ((read & dataClass) == dataClass)
                fields[Name(property)] = property.GetValue(record);
        if (person is not null)
            foreach (var (property, dataClass) in PersonFields)
                if ((read & dataClass) == dataClass)
                    fields[Name(property)] = property.GetValue(person);
        return fields;
    }

    private static string Name(PropertyInfo property) => char.ToLowerInvariant(property.Name[0]) + property.Name[1..];

    private static (PropertyInfo, DataClass)[] Fields(Type type) =>
        type.GetProperties().Select(p => (p, p.GetCustomAttribute<DataClassAttribute>()?.Class ?? throw new InvalidOperationException(
            $"{type.Name}.{p.Name} has no data class"))).ToArray();
}
