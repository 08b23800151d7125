namespace Ariadne.Web.Platform.Participants;

/// <summary>What a training course qualifies its attendee for (the plan's §5 and §6).</summary>
public enum TrainingTopic
{
    /// <summary>§5: Squad staff and the liaison officer of each law-enforcement body.</summary>
    AntiTrafficking = 1,
    /// <summary>§6: persons undertaking the security of the secure accommodation.</summary>
    ShelterSecurity = 2,
    /// <summary>§6: helpline operators ("specially trained NGOs").</summary>
    Helpline = 3,
    /// <summary>§6: NGOs serving persons in the secure accommodation.</summary>
    VictimAssistance = 4,
}
