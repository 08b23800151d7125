using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Notifications;

namespace Ariadne.Web.Features.Investigation;

/// <summary>The Investigation module's audit vocabulary: criminal files, their grants, evidence and its custody.</summary>
public static class InvestigationAudit
{
    public static readonly AuditAction FileOpened = new("investigation.file.opened");
    public static readonly AuditAction FileViewed = new("investigation.file.viewed");
    public static readonly AuditAction FileDenied = new("investigation.file.denied");
    public static readonly AuditAction FileChanged = new("investigation.file.changed");
    public static readonly AuditAction StageRecorded = new("investigation.stage.recorded");
    public static readonly AuditAction PartyRecorded = new("investigation.party.recorded");
    public static readonly AuditAction MeasureRecorded = new("investigation.measure.recorded");
    public static readonly AuditAction NonPunishmentRecorded = new("investigation.nonpunishment.recorded");
    public static readonly AuditAction FileShared = new("investigation.file.shared");
    public static readonly AuditAction EvidenceTaken = new("investigation.evidence.taken");
    public static readonly AuditAction CustodyRecorded = new("investigation.evidence.custody");
    public static readonly AuditAction EvidenceDownloaded = new("investigation.evidence.downloaded");
    public static readonly AuditAction EvidenceTampered = new("investigation.evidence.tampered");
    public static readonly AuditAction FilesListed = new("investigation.files.listed");
    public static readonly AuditAction EntityRecorded = new("investigation.entity.recorded");
    public static readonly AuditAction LinkRecorded = new("investigation.link.recorded");
    public static readonly AuditAction EntitiesViewed = new("investigation.entities.viewed");
    public static readonly AuditAction GraphViewed = new("investigation.graph.viewed");
    public static readonly AuditAction ConnectionRequested = new("investigation.connection.requested");
    public static readonly AuditAction ConnectionGranted = new("investigation.connection.granted");
    public static readonly AuditAction ConnectionRefused = new("investigation.connection.refused");
    public static readonly AuditAction ConnectionDenied = new("investigation.connection.denied");
    public static readonly AuditAction MergeConfirmed = new("investigation.merge.confirmed");
    public static readonly AuditAction MergeUndone = new("investigation.merge.undone");
    public static readonly AuditAction EntitiesExported = new("investigation.entities.exported");

    public static IReadOnlyList<AuditAction> All { get; } =
    [
        FileOpened, FileViewed, FileDenied, FileChanged, StageRecorded, PartyRecorded, MeasureRecorded, NonPunishmentRecorded, FileShared,
        EvidenceTaken, CustodyRecorded, EvidenceDownloaded, EvidenceTampered, FilesListed,
        EntityRecorded, LinkRecorded, EntitiesViewed, GraphViewed, ConnectionRequested, ConnectionGranted, ConnectionRefused, ConnectionDenied,
        MergeConfirmed, MergeUndone, EntitiesExported,
    ];

    public static readonly AuditPurpose Investigate = new("investigation.investigate");
    public static readonly AuditPurpose Prosecute = new("investigation.prosecute");
    public static readonly AuditPurpose Adjudicate = new("investigation.adjudicate");
    public static readonly AuditPurpose Custody = new("investigation.custody");

    public static readonly AuditTarget File = new("criminal-file");
    public static readonly AuditTarget Evidence = new("evidence-item");
    public static readonly AuditTarget Connection = new("connection-request");

    /// <summary>To a file's keepers and the prosecutor: an evidence item's content no longer matches its intake hash.</summary>
    public static readonly NotificationKind TamperNotice = new("evidence-tampered");

    /// <summary>To a prosecutor's office or a court: a criminal file was shared with it.</summary>
    public static readonly NotificationKind SharedNotice = new("criminal-file-shared");

    /// <summary>To the owner of a file or case: someone whose file connects to it asks for access.</summary>
    public static readonly NotificationKind ConnectionNotice = new("connection-requested");

    /// <summary>To the requester: the owner granted access.</summary>
    public static readonly NotificationKind ConnectionGrantedNotice = new("connection-granted");

    /// <summary>To the requester: the owner refused.</summary>
    public static readonly NotificationKind ConnectionRefusedNotice = new("connection-refused");
}
