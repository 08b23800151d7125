using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Training;

/// <summary>A trainer of a session: a name and an organisation (often an international partner); trainers need not be users.</summary>
public sealed class SessionTrainer
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid SessionId { get; set; }
    [NotPersonal] public string Name { get; set; } = "";
    [NotPersonal] public string Organisation { get; set; } = "";
}
