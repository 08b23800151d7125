namespace Ariadne.Web.Features.Identification;

public sealed record OperationalIndicator(string Code, IndicatorDimension Dimension, IndicatorStrength Strength);
