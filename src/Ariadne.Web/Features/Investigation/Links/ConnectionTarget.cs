namespace Ariadne.Web.Features.Investigation;

/// <summary>What a "connection exists — ask the owner" request asks to see.</summary>
public enum ConnectionTarget
{
    CriminalFile = 1,
    ProtectionCase = 2,
}
