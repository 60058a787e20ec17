using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Territorio.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CareManagement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "care_audit",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    entity_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    entity_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    patient_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    action = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    details = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_care_audit", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "enrolment_letters",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    patient_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ats = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    level = table.Column<int>(type: "INTEGER", nullable: false),
                    run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    issued_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    gestori_listed = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enrolment_letters", x => x.id);
                    table.ForeignKey(
                        name: "FK_enrolment_letters_residents_patient_id",
                        column: x => x.patient_id,
                        principalTable: "residents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "erogatori",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ats = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_erogatori", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "gestori",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    ats = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gestori", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "reclassification_requests",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    patient_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    gestore_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    from_level = table.Column<int>(type: "INTEGER", nullable: false),
                    from_main_pathology = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    to_level = table.Column<int>(type: "INTEGER", nullable: false),
                    to_main_pathology = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    to_pathologies = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    requested_by = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    requested_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    decided_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    decision_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reclassification_requests", x => x.id);
                    table.ForeignKey(
                        name: "FK_reclassification_requests_residents_patient_id",
                        column: x => x.patient_id,
                        principalTable: "residents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "shared_prescriptions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    patient_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    gestore_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    prescribed_by = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    prescriber_role = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    prescribed_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    acknowledged_by = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    acknowledged_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_shared_prescriptions", x => x.id);
                    table.ForeignKey(
                        name: "FK_shared_prescriptions_residents_patient_id",
                        column: x => x.patient_id,
                        principalTable: "residents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "stratification_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    stratified_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    imported_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    imported_by = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    persons = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stratification_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "agenda_slots",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    erogatore_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    service_code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    start_time = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    duration_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    capacity = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agenda_slots", x => x.id);
                    table.ForeignKey(
                        name: "FK_agenda_slots_erogatori_erogatore_id",
                        column: x => x.erogatore_id,
                        principalTable: "erogatori",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "erogatore_services",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    erogatore_id = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_erogatore_services", x => x.id);
                    table.ForeignKey(
                        name: "FK_erogatore_services_erogatori_erogatore_id",
                        column: x => x.erogatore_id,
                        principalTable: "erogatori",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "agreements",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    gestore_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    valid_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    valid_to = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    erogatore_id = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agreements", x => x.id);
                    table.ForeignKey(
                        name: "FK_agreements_erogatori_erogatore_id",
                        column: x => x.erogatore_id,
                        principalTable: "erogatori",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "FK_agreements_gestori_gestore_id",
                        column: x => x.gestore_id,
                        principalTable: "gestori",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "candidatures",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    gestore_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ats = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    level = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    submitted_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    decided_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    decision_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_candidatures", x => x.id);
                    table.ForeignKey(
                        name: "FK_candidatures_gestori_gestore_id",
                        column: x => x.gestore_id,
                        principalTable: "gestori",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "patti_di_cura",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    patient_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    gestore_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ats = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    level = table.Column<int>(type: "INTEGER", nullable: false),
                    main_pathology = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    signed_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    start_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    end_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    patient_signatory = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    gestore_signatory = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    mmg_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    renewals = table.Column<int>(type: "INTEGER", nullable: false),
                    close_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_patti_di_cura", x => x.id);
                    table.ForeignKey(
                        name: "FK_patti_di_cura_gestori_gestore_id",
                        column: x => x.gestore_id,
                        principalTable: "gestori",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_patti_di_cura_residents_patient_id",
                        column: x => x.patient_id,
                        principalTable: "residents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "stratified_persons",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    person_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    level = table.Column<int>(type: "INTEGER", nullable: false),
                    main_pathology = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    pathologies = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    evidence = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stratified_persons", x => new { x.run_id, x.person_id });
                    table.ForeignKey(
                        name: "FK_stratified_persons_residents_person_id",
                        column: x => x.person_id,
                        principalTable: "residents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_stratified_persons_stratification_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "stratification_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "change_of_gestore_requests",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    patient_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    pact_id = table.Column<long>(type: "INTEGER", nullable: false),
                    from_gestore_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    to_gestore_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    effective_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    requested_by = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    requested_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    decided_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    decision_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    new_pact_id = table.Column<long>(type: "INTEGER", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_change_of_gestore_requests", x => x.id);
                    table.ForeignKey(
                        name: "FK_change_of_gestore_requests_patti_di_cura_pact_id",
                        column: x => x.pact_id,
                        principalTable: "patti_di_cura",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pais",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    patient_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    pact_id = table.Column<long>(type: "INTEGER", nullable: false),
                    gestore_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    mmg_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    start_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pais", x => x.id);
                    table.ForeignKey(
                        name: "FK_pais_patti_di_cura_pact_id",
                        column: x => x.pact_id,
                        principalTable: "patti_di_cura",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_pais_residents_patient_id",
                        column: x => x.patient_id,
                        principalTable: "residents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "bookings",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    patient_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    pai_id = table.Column<long>(type: "INTEGER", nullable: false),
                    gestore_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    service_code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    slot_id = table.Column<long>(type: "INTEGER", nullable: false),
                    seat = table.Column<int>(type: "INTEGER", nullable: false),
                    erogatore_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    start_time = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    booked_by = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    delivered_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    reminder_sent_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    cancel_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bookings", x => x.id);
                    table.ForeignKey(
                        name: "FK_bookings_agenda_slots_slot_id",
                        column: x => x.slot_id,
                        principalTable: "agenda_slots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_bookings_pais_pai_id",
                        column: x => x.pai_id,
                        principalTable: "pais",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_bookings_residents_patient_id",
                        column: x => x.patient_id,
                        principalTable: "residents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pai_versions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    author = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    author_role = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    decided_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    decision_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    pai_id = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pai_versions", x => x.id);
                    table.ForeignKey(
                        name: "FK_pai_versions_pais_pai_id",
                        column: x => x.pai_id,
                        principalTable: "pais",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "delivered_services",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    patient_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    match = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    booking_id = table.Column<long>(type: "INTEGER", nullable: true),
                    source = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_delivered_services", x => x.id);
                    table.ForeignKey(
                        name: "FK_delivered_services_bookings_booking_id",
                        column: x => x.booking_id,
                        principalTable: "bookings",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "FK_delivered_services_residents_patient_id",
                        column: x => x.patient_id,
                        principalTable: "residents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pai_items",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    per_year = table.Column<int>(type: "INTEGER", nullable: true),
                    from_month = table.Column<int>(type: "INTEGER", nullable: false),
                    to_month = table.Column<int>(type: "INTEGER", nullable: false),
                    dosage = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    pai_version_id = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pai_items", x => x.id);
                    table.ForeignKey(
                        name: "FK_pai_items_pai_versions_pai_version_id",
                        column: x => x.pai_version_id,
                        principalTable: "pai_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_agenda_slots_erogatore_id_service_code_date_start_time",
                table: "agenda_slots",
                columns: new[] { "erogatore_id", "service_code", "date", "start_time" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_agenda_slots_service_code_date",
                table: "agenda_slots",
                columns: new[] { "service_code", "date" });

            migrationBuilder.CreateIndex(
                name: "IX_agreements_erogatore_id",
                table: "agreements",
                column: "erogatore_id");

            migrationBuilder.CreateIndex(
                name: "IX_agreements_gestore_id",
                table: "agreements",
                column: "gestore_id");

            migrationBuilder.CreateIndex(
                name: "IX_bookings_gestore_id_status_date",
                table: "bookings",
                columns: new[] { "gestore_id", "status", "date" });

            migrationBuilder.CreateIndex(
                name: "IX_bookings_pai_id",
                table: "bookings",
                column: "pai_id");

            migrationBuilder.CreateIndex(
                name: "IX_bookings_patient_id_status",
                table: "bookings",
                columns: new[] { "patient_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ux_bookings_one_per_seat",
                table: "bookings",
                columns: new[] { "slot_id", "seat" },
                unique: true,
                filter: "status IN ('Booked', 'Delivered')");

            migrationBuilder.CreateIndex(
                name: "ux_bookings_patient_once_per_slot",
                table: "bookings",
                columns: new[] { "slot_id", "patient_id" },
                unique: true,
                filter: "status IN ('Booked', 'Delivered')");

            migrationBuilder.CreateIndex(
                name: "IX_candidatures_ats_level_status",
                table: "candidatures",
                columns: new[] { "ats", "level", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_candidatures_gestore_id_ats_level",
                table: "candidatures",
                columns: new[] { "gestore_id", "ats", "level" },
                unique: true,
                filter: "status IN ('Pending', 'Approved')");

            migrationBuilder.CreateIndex(
                name: "IX_care_audit_entity_type_entity_id",
                table: "care_audit",
                columns: new[] { "entity_type", "entity_id" });

            migrationBuilder.CreateIndex(
                name: "IX_care_audit_patient_id_at",
                table: "care_audit",
                columns: new[] { "patient_id", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_change_of_gestore_requests_pact_id",
                table: "change_of_gestore_requests",
                column: "pact_id");

            migrationBuilder.CreateIndex(
                name: "ux_change_requests_one_pending",
                table: "change_of_gestore_requests",
                column: "patient_id",
                unique: true,
                filter: "status = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "IX_delivered_services_booking_id",
                table: "delivered_services",
                column: "booking_id");

            migrationBuilder.CreateIndex(
                name: "IX_delivered_services_patient_id_date_code",
                table: "delivered_services",
                columns: new[] { "patient_id", "date", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_enrolment_letters_patient_id_run_id",
                table: "enrolment_letters",
                columns: new[] { "patient_id", "run_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_erogatore_services_erogatore_id_code",
                table: "erogatore_services",
                columns: new[] { "erogatore_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_pai_items_pai_version_id",
                table: "pai_items",
                column: "pai_version_id");

            migrationBuilder.CreateIndex(
                name: "IX_pai_versions_pai_id_number",
                table: "pai_versions",
                columns: new[] { "pai_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_pai_versions_one_active",
                table: "pai_versions",
                columns: new[] { "pai_id", "status" },
                unique: true,
                filter: "status = 'Active'");

            migrationBuilder.CreateIndex(
                name: "ux_pai_versions_one_proposed",
                table: "pai_versions",
                columns: new[] { "pai_id", "status" },
                unique: true,
                filter: "status = 'Proposed'");

            migrationBuilder.CreateIndex(
                name: "IX_pais_pact_id",
                table: "pais",
                column: "pact_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_pais_patient_id",
                table: "pais",
                column: "patient_id");

            migrationBuilder.CreateIndex(
                name: "IX_patti_di_cura_gestore_id_status",
                table: "patti_di_cura",
                columns: new[] { "gestore_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ux_patti_di_cura_one_active",
                table: "patti_di_cura",
                columns: new[] { "patient_id", "status" },
                unique: true,
                filter: "status = 'Active'");

            migrationBuilder.CreateIndex(
                name: "IX_reclassification_requests_patient_id_status_decided_on",
                table: "reclassification_requests",
                columns: new[] { "patient_id", "status", "decided_on" });

            migrationBuilder.CreateIndex(
                name: "ux_reclassifications_one_pending",
                table: "reclassification_requests",
                column: "patient_id",
                unique: true,
                filter: "status = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "IX_shared_prescriptions_patient_id",
                table: "shared_prescriptions",
                column: "patient_id");

            migrationBuilder.CreateIndex(
                name: "IX_stratified_persons_person_id_run_id",
                table: "stratified_persons",
                columns: new[] { "person_id", "run_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agreements");

            migrationBuilder.DropTable(
                name: "candidatures");

            migrationBuilder.DropTable(
                name: "care_audit");

            migrationBuilder.DropTable(
                name: "change_of_gestore_requests");

            migrationBuilder.DropTable(
                name: "delivered_services");

            migrationBuilder.DropTable(
                name: "enrolment_letters");

            migrationBuilder.DropTable(
                name: "erogatore_services");

            migrationBuilder.DropTable(
                name: "pai_items");

            migrationBuilder.DropTable(
                name: "reclassification_requests");

            migrationBuilder.DropTable(
                name: "shared_prescriptions");

            migrationBuilder.DropTable(
                name: "stratified_persons");

            migrationBuilder.DropTable(
                name: "bookings");

            migrationBuilder.DropTable(
                name: "pai_versions");

            migrationBuilder.DropTable(
                name: "stratification_runs");

            migrationBuilder.DropTable(
                name: "agenda_slots");

            migrationBuilder.DropTable(
                name: "pais");

            migrationBuilder.DropTable(
                name: "erogatori");

            migrationBuilder.DropTable(
                name: "patti_di_cura");

            migrationBuilder.DropTable(
                name: "gestori");
        }
    }
}
