namespace Ariadne.Web.Features.Helpline;

/// <summary>A contact that carries no case data: logged in one keystroke and counted, never forwarded.</summary>
public enum NonDataKind
{
    Silent = 1,
    HangUp = 2,
    Abusive = 3,
    OutOfScope = 4,
}
