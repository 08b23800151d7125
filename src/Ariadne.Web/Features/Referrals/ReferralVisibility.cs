using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Referrals;

/// <summary>Who may see a referral: this module's rule, built on <see cref="CaseAccess"/>'s grants.</summary>
public static class ReferralVisibility
{
    extension(CaseAccess access)
    {
        /// <summary>
        /// The referrals visible to the viewer: those their institution made (to holders of a role that can
        /// refer — the referrer's view of the referral it made; a child's referral only to the person who made
        /// it), those addressed to their Squad (to the duty
        /// desk), and the one that became a case they investigate. Nobody else, whatever their role.
        /// </summary>
        public IQueryable<Referral> VisibleReferrals(Viewer v)
        {
            var referrer = v.InstitutionRelations.Contains(Relation.Referrer);
            var desk = v.OnDutyDesk;
            var investigating = access.ActiveGrants(v).Where(g => g.Relation == Relation.Investigator);
            // A child's referral stays with the person who made it, not their whole institution.
            return access.Db.Referrals.Where(r => (referrer && r.ReferringInstitutionId == v.InstitutionId && (!r.Child || r.ReferredBy == v.UserId))
                                           || (desk && r.SquadInstitutionId == v.InstitutionId)
                                           || (r.CaseId != null && investigating.Any(g => g.CaseId == r.CaseId)));
        }
    }
}
