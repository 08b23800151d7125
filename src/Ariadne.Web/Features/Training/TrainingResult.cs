namespace Ariadne.Web.Features.Training;

/// <summary>The result of a participant's assessment at the end of a held session; only a pass after full attendance earns a certificate.</summary>
public enum TrainingResult
{
    Passed = 1,
    Failed = 2,
}
