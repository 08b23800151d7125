namespace Ariadne.Web.Platform.Access;

/// <summary>
/// Marks a personal field with the class that opens it: the only place a field's class is declared
/// (docs/need-to-know.md, "Data classes: one declaration"). On <c>CaseRecord</c> and <c>PersonRecord</c>
/// it drives the projection, the writable fields of <c>CaseInput</c>, the case page's form (through
/// <paramref name="input"/>) and the API schema; on an entity it says what an encrypted column or a
/// clear column holds. A column that mixes classes (a JSON document) is marked with their union:
/// reading it needs every one of them.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DataClassAttribute(DataClass dataClass, FieldInput input = FieldInput.ReadOnly) : Attribute
{
    public DataClass Class { get; } = dataClass;

    public FieldInput Input { get; } = input;
}
