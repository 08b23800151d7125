namespace Ariadne.Web.Platform.Access;

/// <summary>
/// Marks a property of an entity holding personal data as saying nothing about the person: keys and
/// references (ids, foreign keys, data-key ids, staff and institution references), and the system's
/// bookkeeping (when a row was recorded, sent or changed, workflow state of the institutions' own work).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotPersonalAttribute : Attribute;
