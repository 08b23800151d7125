namespace Ariadne.Web.Features.Investigation;

public enum PartyRole
{
    Suspect = 1,
    Victim = 2,
    Witness = 3,
}
