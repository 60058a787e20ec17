using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Territorio.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class i16ResidentIdentity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "birthplace",
                table: "residents",
                type: "character varying(80)",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "birthplace_code",
                table: "residents",
                type: "character varying(4)",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "cap",
                table: "residents",
                type: "character varying(5)",
                maxLength: 5,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "email",
                table: "residents",
                type: "character varying(120)",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "fiscal_code",
                table: "residents",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "given_name",
                table: "residents",
                type: "character varying(80)",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "municipality",
                table: "residents",
                type: "character varying(80)",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "municipality_code",
                table: "residents",
                type: "character varying(4)",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "phone",
                table: "residents",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "street",
                table: "residents",
                type: "character varying(120)",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "surname",
                table: "residents",
                type: "character varying(80)",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "surname_key",
                table: "residents",
                type: "character varying(80)",
                maxLength: 80,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "general_practitioners",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    surname = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    given_name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    sex = table.Column<int>(type: "integer", nullable: false),
                    ats = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    street = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    cap = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    municipality_code = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    municipality = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    phone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    email = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_general_practitioners", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_residents_ats_surname_key_given_name_id",
                table: "residents",
                columns: new[] { "ats", "surname_key", "given_name", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_residents_fiscal_code",
                table: "residents",
                column: "fiscal_code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "general_practitioners");

            migrationBuilder.DropIndex(
                name: "IX_residents_ats_surname_key_given_name_id",
                table: "residents");

            migrationBuilder.DropIndex(
                name: "IX_residents_fiscal_code",
                table: "residents");

            migrationBuilder.DropColumn(
                name: "birthplace",
                table: "residents");

            migrationBuilder.DropColumn(
                name: "birthplace_code",
                table: "residents");

            migrationBuilder.DropColumn(
                name: "cap",
                table: "residents");

            migrationBuilder.DropColumn(
                name: "email",
                table: "residents");

            migrationBuilder.DropColumn(
                name: "fiscal_code",
                table: "residents");

            migrationBuilder.DropColumn(
                name: "given_name",
                table: "residents");

            migrationBuilder.DropColumn(
                name: "municipality",
                table: "residents");

            migrationBuilder.DropColumn(
                name: "municipality_code",
                table: "residents");

            migrationBuilder.DropColumn(
                name: "phone",
                table: "residents");

            migrationBuilder.DropColumn(
                name: "street",
                table: "residents");

            migrationBuilder.DropColumn(
                name: "surname",
                table: "residents");

            migrationBuilder.DropColumn(
                name: "surname_key",
                table: "residents");
        }
    }
}
