namespace Ariadne.Web.Features.Cases;

/// <summary>Deployment:CaseNumberPrefix — the prefix of case numbers ("AZ-2026-483920").</summary>
public sealed class CaseNumberOptions
{
    public const string Section = "Deployment";

    public string CaseNumberPrefix { get; set; } = "AZ";
}
