namespace Ariadne.Web.Platform.Access;

/// <summary>How a classified field is edited on the case page; ReadOnly fields are shown, never edited.</summary>
public enum FieldInput { ReadOnly, Text, Date, Sex, LongText, Status, Flag, Outcome }
