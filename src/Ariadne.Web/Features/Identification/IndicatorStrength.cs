namespace Ariadne.Web.Features.Identification;

/// <summary>The grade of an ILO–EC operational indicator.</summary>
public enum IndicatorStrength { Strong = 3, Medium = 2, Weak = 1 }
