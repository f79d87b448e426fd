// Package ui is Dossier's desktop face, built with Fyne. Screens stay thin:
// they call the services in app/ and show what comes back; every long task
// runs off the UI thread and reports through fyne.Do.
package ui
