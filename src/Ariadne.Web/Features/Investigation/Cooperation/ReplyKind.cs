namespace Ariadne.Web.Features.Investigation;

public enum ReplyKind
{
    Partial = 1,
    Complete = 2,
}
