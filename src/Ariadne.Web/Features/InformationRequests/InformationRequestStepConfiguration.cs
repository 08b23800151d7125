using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.InformationRequests;

internal sealed class InformationRequestStepConfiguration : IEntityTypeConfiguration<InformationRequestStep>
{
    public void Configure(EntityTypeBuilder<InformationRequestStep> e)
    {
        e.ToTable("information_request_steps");
        e.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(s => new { s.RequestId, s.At });
        e.HasOne<InformationRequest>().WithMany().HasForeignKey(s => s.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}
