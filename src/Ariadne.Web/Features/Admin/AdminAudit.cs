using Ariadne.Web.Platform.Audit;

namespace Ariadne.Web.Features.Admin;

/// <summary>The Admin module's audit purposes. Its actions are the platform's (<see cref="PlatformAudit.InstitutionChanged"/>, <see cref="PlatformAudit.AccountChanged"/>).</summary>
public static class AdminAudit
{
    public static readonly AuditPurpose Created = new("admin.created");
    public static readonly AuditPurpose Updated = new("admin.updated");
    /// <summary>An institution created through /api/v1/institutions.</summary>
    public static readonly AuditPurpose ApiCreated = new("api.created");
    public static readonly AuditPurpose Details = new("admin.details");
    public static readonly AuditPurpose RolesRequested = new("admin.roles-requested");
    public static readonly AuditPurpose Roles = new("admin.roles");
    public static readonly AuditPurpose TrainingRequested = new("admin.training-requested");
    public static readonly AuditPurpose TrainingAdded = new("admin.training-added");
    public static readonly AuditPurpose TrainingRemoved = new("admin.training-removed");
    public static readonly AuditPurpose Disabled = new("admin.disabled");
    public static readonly AuditPurpose Enabled = new("admin.enabled");
    public static readonly AuditPurpose PasswordReset = new("admin.password-reset");
    public static readonly AuditPurpose SecondFactorReset = new("admin.second-factor-reset");
    public static readonly AuditPurpose SessionsEnded = new("admin.sessions-ended");
}
