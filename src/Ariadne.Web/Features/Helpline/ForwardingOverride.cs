namespace Ariadne.Web.Features.Helpline;

/// <summary>A supervisor's decision against the rule: forward a held tip, or hold one the rule would forward (never a minor or imminent danger).</summary>
public enum ForwardingOverride
{
    Forward = 1,
    Hold = 2,
}
