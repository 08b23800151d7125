using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Training;

/// <summary>The training programme's tables, as properties of the one <see cref="AriadneDbContext"/>.</summary>
public static class TrainingData
{
    extension(AriadneDbContext db)
    {
        public DbSet<TrainingCourse> TrainingCourses => db.Set<TrainingCourse>();
        public DbSet<TrainingSession> TrainingSessions => db.Set<TrainingSession>();
        public DbSet<SessionTrainer> SessionTrainers => db.Set<SessionTrainer>();
        public DbSet<TrainingEnrolment> TrainingEnrolments => db.Set<TrainingEnrolment>();
        public DbSet<TrainingCertificate> TrainingCertificates => db.Set<TrainingCertificate>();
    }
}
