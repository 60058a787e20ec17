using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Territorio.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OrganisationsConsentLevelChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "patient_signatory",
                table: "patti_di_cura");

            migrationBuilder.AddColumn<string>(
                name: "consent_ground",
                table: "patti_di_cura",
                type: "TEXT",
                maxLength: 24,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "consent_reference",
                table: "patti_di_cura",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "signature_method",
                table: "patti_di_cura",
                type: "TEXT",
                maxLength: 24,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "signature_scan",
                table: "patti_di_cura",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "witness",
                table: "patti_di_cura",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "pact_id",
                table: "patient_access_log",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "enrolment_requests",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    patient_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    gestore_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ats = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    level = table.Column<int>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    requested_by = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    requested_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    pact_id = table.Column<long>(type: "INTEGER", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enrolment_requests", x => x.id);
                    table.ForeignKey(
                        name: "FK_enrolment_requests_gestori_gestore_id",
                        column: x => x.gestore_id,
                        principalTable: "gestori",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_enrolment_requests_patti_di_cura_pact_id",
                        column: x => x.pact_id,
                        principalTable: "patti_di_cura",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "FK_enrolment_requests_residents_patient_id",
                        column: x => x.patient_id,
                        principalTable: "residents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "organisations",
                columns: table => new
                {
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ats = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false),
                    street = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    cap = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    municipality_code = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    municipality = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    phone = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    pec = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    fictitious = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_organisations", x => new { x.kind, x.code });
                });

            migrationBuilder.CreateTable(
                name: "stratification_changes",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    person_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    previous_run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    level_before = table.Column<int>(type: "INTEGER", nullable: true),
                    level_after = table.Column<int>(type: "INTEGER", nullable: true),
                    ats = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    mmg_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    main_pathology = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stratification_changes", x => new { x.run_id, x.person_id });
                    table.ForeignKey(
                        name: "FK_stratification_changes_residents_person_id",
                        column: x => x.person_id,
                        principalTable: "residents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_stratification_changes_stratification_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "stratification_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_enrolment_requests_gestore_id",
                table: "enrolment_requests",
                column: "gestore_id");

            migrationBuilder.CreateIndex(
                name: "IX_enrolment_requests_pact_id",
                table: "enrolment_requests",
                column: "pact_id");

            migrationBuilder.CreateIndex(
                name: "IX_enrolment_requests_patient_id_gestore_id",
                table: "enrolment_requests",
                columns: new[] { "patient_id", "gestore_id" });

            migrationBuilder.CreateIndex(
                name: "IX_stratification_changes_person_id",
                table: "stratification_changes",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "IX_stratification_changes_run_id_ats_person_id",
                table: "stratification_changes",
                columns: new[] { "run_id", "ats", "person_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "enrolment_requests");

            migrationBuilder.DropTable(
                name: "organisations");

            migrationBuilder.DropTable(
                name: "stratification_changes");

            migrationBuilder.DropColumn(
                name: "consent_ground",
                table: "patti_di_cura");

            migrationBuilder.DropColumn(
                name: "consent_reference",
                table: "patti_di_cura");

            migrationBuilder.DropColumn(
                name: "signature_method",
                table: "patti_di_cura");

            migrationBuilder.DropColumn(
                name: "signature_scan",
                table: "patti_di_cura");

            migrationBuilder.DropColumn(
                name: "witness",
                table: "patti_di_cura");

            migrationBuilder.DropColumn(
                name: "pact_id",
                table: "patient_access_log");

            migrationBuilder.AddColumn<string>(
                name: "patient_signatory",
                table: "patti_di_cura",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");
        }
    }
}
