namespace Ariadne.Web.Features.Helpline;

/// <summary>How a contact reached the helpline (the plan's §6: "telephone, SMS, web chat, e-mail", and walk-in).</summary>
public enum ContactChannel
{
    Phone = 1,
    Sms = 2,
    WebChat = 3,
    Email = 4,
    WebForm = 5,
    WalkIn = 6,
}
