using Ariadne.Web.Platform.Audit;

namespace Ariadne.Web.Features.Services;

/// <summary>The Services module's audit vocabulary: the plan, service referrals, sessions, compensation and interpreters.</summary>
public static class ServicesAudit
{
    public static readonly AuditAction GoalSaved = new("service.goal.saved");
    public static readonly AuditAction Referred = new("service.referred");
    public static readonly AuditAction Ended = new("service.ended");
    public static readonly AuditAction SessionRecorded = new("service.session.recorded");
    public static readonly AuditAction CompensationSaved = new("compensation.saved");
    public static readonly AuditAction InterpreterBooked = new("interpreter.booked");

    /// <summary>Every action above, for the module contract.</summary>
    public static IReadOnlyList<AuditAction> All { get; } = [GoalSaved, Referred, Ended, SessionRecorded, CompensationSaved, InterpreterBooked];

    public static readonly AuditPurpose View = new("services.view");
    public static readonly AuditPurpose ApiView = new("services.api");
    public static readonly AuditPurpose Plan = new("services.plan");
    /// <summary>Qualified by the service type: "services.refer:Medical".</summary>
    public static readonly AuditPurpose Refer = new("services.refer");
    public static readonly AuditPurpose Answer = new("services.answer");
    public static readonly AuditPurpose End = new("services.end");
    public static readonly AuditPurpose Deliver = new("services.deliver");
    public static readonly AuditPurpose Compensation = new("services.compensation");
    public static readonly AuditPurpose Interpret = new("services.interpret");

    public static readonly AuditTarget Goal = new("service-goal");
    public static readonly AuditTarget Service = new("service");
    public static readonly AuditTarget Session = new("service-session");
    public static readonly AuditTarget Claim = new("compensation-claim");
    public static readonly AuditTarget Booking = new("interpreter-booking");
}
