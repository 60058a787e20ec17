using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Network;
using Territorio.CareManagement.Plans;
using Territorio.Kernel.Population;

namespace Territorio.Data.Configurations.Care;

internal sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> builder)
    {
        builder.MapAggregate("bookings");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).HasColumnName("id");
        builder.Property<string?>(b => b.PatientId).Id("patient_id");
        builder.Property(b => b.PaiId).HasColumnName("pai_id");
        builder.Property<string?>(b => b.GestoreId).Id("gestore_id");
        builder.Property(b => b.ServiceCode).HasColumnName("service_code").HasMaxLength(16);
        builder.Property(b => b.SlotId).HasColumnName("slot_id");
        builder.Property(b => b.Seat).HasColumnName("seat");
        builder.Property<string?>(b => b.ErogatoreId).Id("erogatore_id");
        builder.Property(b => b.Date).HasColumnName("date");
        builder.Property(b => b.Start).HasColumnName("start_time");
        builder.Property(b => b.Status).AsText("status");
        builder.Property(b => b.BookedBy).HasColumnName("booked_by").HasMaxLength(120);
        builder.Property(b => b.DeliveredOn).HasColumnName("delivered_on");
        builder.Property(b => b.ReminderSentOn).HasColumnName("reminder_sent_on");
        builder.Property(b => b.CancelReason).HasColumnName("cancel_reason").HasMaxLength(1000);
        builder.Property(b => b.ReversedBy).HasColumnName("reversed_by").HasMaxLength(120);
        builder.Property(b => b.ReversalReason).HasColumnName("reversal_reason").HasMaxLength(1000);
        builder.Ignore(b => b.HoldsSeat);
        builder.HasOne<AgendaSlot>().WithMany().HasForeignKey(b => b.SlotId);
        builder.HasOne<Pai>().WithMany().HasForeignKey(b => b.PaiId);
        builder.HasOne<Resident>().WithMany().HasForeignKey(b => b.PatientId);

        // No double booking: one holder per seat of a slot, and a patient once per slot.
        string holdsSeat = AggregateMapping.StatusIs(nameof(BookingStatus.Booked), nameof(BookingStatus.Delivered));
        builder.HasIndex(b => new { b.SlotId, b.Seat }).IsUnique().HasFilter(holdsSeat).HasDatabaseName("ux_bookings_one_per_seat");
        builder.HasIndex(b => new { b.SlotId, b.PatientId }).IsUnique().HasFilter(holdsSeat).HasDatabaseName("ux_bookings_patient_once_per_slot");
        builder.HasIndex(b => new { b.PatientId, b.Status });
        builder.HasIndex(b => new { b.GestoreId, b.Status, b.Date });
    }
}

internal sealed class DeliveredServiceConfiguration : IEntityTypeConfiguration<DeliveredService>
{
    public void Configure(EntityTypeBuilder<DeliveredService> builder)
    {
        builder.ToTable("delivered_services");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).HasColumnName("id");
        builder.Property<string?>(d => d.PatientId).Id("patient_id");
        builder.Property(d => d.Date).HasColumnName("date");
        builder.Property(d => d.Code).HasColumnName("code").HasMaxLength(16);
        builder.Property(d => d.Match).AsText("match");
        builder.Property(d => d.BookingId).HasColumnName("booking_id");
        builder.Property(d => d.Source).HasColumnName("source").HasMaxLength(400);
        builder.Property(d => d.ReversedOn).HasColumnName("reversed_on");
        builder.Property(d => d.ReversedBy).HasColumnName("reversed_by").HasMaxLength(120);
        builder.Property(d => d.ReversalReason).HasColumnName("reversal_reason").HasMaxLength(1000);
        builder.Ignore(d => d.Counts);
        builder.HasOne<Resident>().WithMany().HasForeignKey(d => d.PatientId);
        builder.HasOne<Booking>().WithMany().HasForeignKey(d => d.BookingId);

        // A re-imported flow does not count a service twice; reversed deliveries stay on record beside.
        builder.HasIndex(d => new { d.PatientId, d.Date, d.Code }).IsUnique().HasFilter("reversed_on IS NULL");
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("care_audit");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasColumnName("id");
        builder.Property(a => a.EntityType).HasColumnName("entity_type").HasMaxLength(64);
        builder.Property(a => a.EntityId).HasColumnName("entity_id").HasMaxLength(32);
        builder.Property<string?>(a => a.PatientId).Id("patient_id");
        builder.Property(a => a.Action).HasColumnName("action").HasMaxLength(120);
        builder.Property(a => a.Actor).HasColumnName("actor").HasMaxLength(120);
        builder.Property(a => a.AtUtc).HasColumnName("at");
        builder.Property(a => a.Reason).HasColumnName("reason").HasMaxLength(1000);
        builder.Property(a => a.Details).HasColumnName("details").HasMaxLength(1000);
        builder.HasIndex(a => new { a.PatientId, a.AtUtc });
        builder.HasIndex(a => new { a.EntityType, a.EntityId });
    }
}
