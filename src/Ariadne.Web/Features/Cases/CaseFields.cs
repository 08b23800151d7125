using System.Numerics;
using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// How each projected field is shown and edited on the pages: its class, and its input kind. Read from
/// the <see cref="DataClassAttribute"/> on <see cref="CaseRecord"/> and <see cref="PersonRecord"/>
/// (through <see cref="CaseProjection"/>), never written out here: a field's class is declared once.
/// </summary>
public static class CaseFields
{
    public sealed record Field(string Name, DataClass Class, FieldInput Input);

    /// <summary>Every single class (not None, not All), in the enum's order: the order of the page's sections.</summary>
    public static readonly DataClass[] Classes = Enum.GetValues<DataClass>().Where(c => BitOperations.IsPow2((int)c)).ToArray();

    /// <summary>
    /// The case's fields then the person's, in declaration order, grouped by class in the order of
    /// <see cref="Classes"/> (a stable sort, so fields of one class keep their declaration order).
    /// </summary>
    public static IReadOnlyList<Field> All { get; } = CaseProjection.CaseRecordFields.Concat(CaseProjection.PersonRecordFields)
        .OrderBy(f => Array.IndexOf(Classes, f.Class))
        .Select(f => new Field(f.Name, f.Class, f.Input))
        .ToArray();

    public static string InputName(string field) => char.ToUpperInvariant(field[0]) + field[1..];
}
