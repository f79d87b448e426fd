// Command schedulecheck makes the workspace scripts/check-schedule.sh
// exports: a demo roster (app/demo) and, added straight into its database,
// people whose every text column is hostile (app/schedule/scheduletest).
// It prints the number of hostile people added; with --print-texts, the
// hostile texts themselves.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"

	"dossier/app/civil"
	"dossier/app/demo"
	"dossier/app/schedule/scheduletest"
)

func main() {
	dir := flag.String("workspace", "", "workspace folder to create")
	employees := flag.Int("employees", 300, "demo employees")
	today := flag.String("today", "2026-11-25", "the day the demo is anchored on (YYYY-MM-DD)")
	texts := flag.Bool("print-texts", false, "print the hostile texts, each ended by a NUL byte, and stop")
	flag.Parse()
	if *texts {
		for _, s := range scheduletest.HostileTexts {
			fmt.Print(s, "\x00")
		}
		return
	}
	if *dir == "" {
		log.Fatal("schedulecheck: --workspace is required")
	}
	day, err := civil.Parse(*today)
	if err != nil {
		log.Fatalf("schedulecheck: --today: %v", err)
	}
	ctx := context.Background()
	if err := demo.Create(ctx, *dir, demo.Options{Employees: *employees, Today: day}); err != nil {
		log.Fatalf("schedulecheck: %v", err)
	}
	// The hostile people fall due in the first days of the default window.
	n, err := scheduletest.AddHostilePeople(ctx, *dir, day.AddDays(1))
	if err != nil {
		log.Fatalf("schedulecheck: %v", err)
	}
	fmt.Println(n)
}
