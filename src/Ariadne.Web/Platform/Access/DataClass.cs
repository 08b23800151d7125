namespace Ariadne.Web.Platform.Access;

/// <summary>The data classes of PRODUCT.md §3. Every personal field belongs to exactly one.</summary>
[Flags]
public enum DataClass
{
    None = 0,
    Status = 1,
    Identity = 2,
    ContactLocation = 4,
    Health = 8,
    Investigation = 16,
    Legal = 32,
    Care = 64,
    All = Status | Identity | ContactLocation | Health | Investigation | Legal | Care,
}

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
