package selection

import "testing"

func TestContainsFold(t *testing.T) {
	tests := []struct {
		list  []string
		value string
		want  bool
	}{
		{[]string{"Available", "Making"}, "available", true},
		{[]string{"Available", "Making"}, "MAKING", true},
		{[]string{"Available"}, "Unavailable", false},
		{nil, "Available", false},
		{[]string{"T4", "V100S"}, "v100s", true},
		{[]string{""}, "", true},
	}
	for _, tt := range tests {
		if got := ContainsFold(tt.list, tt.value); got != tt.want {
			t.Errorf("ContainsFold(%q, %q) = %v, want %v", tt.list, tt.value, got, tt.want)
		}
	}
}

func TestContainsAllFold(t *testing.T) {
	have := []string{"NetEnhanced", "HotPlug", "CloudInit"}
	tests := []struct {
		want []string
		ok   bool
	}{
		{nil, true},
		{[]string{"hotplug"}, true},
		{[]string{"HOTPLUG", "netenhanced"}, true},
		{[]string{"hotplug", "GPU"}, false},
		{[]string{"GPU"}, false},
	}
	for _, tt := range tests {
		if got := ContainsAllFold(have, tt.want); got != tt.ok {
			t.Errorf("ContainsAllFold(%q, %q) = %v, want %v", have, tt.want, got, tt.ok)
		}
	}
	if ContainsAllFold(nil, []string{"x"}) {
		t.Error("ContainsAllFold(nil, [x]) = true")
	}
}

func TestCanonical(t *testing.T) {
	tests := []struct {
		value   string
		allowed []string
		want    string
		ok      bool
	}{
		{"linux", []string{"Linux", "Windows"}, "Linux", true},
		{"WINDOWS", []string{"Linux", "Windows"}, "Windows", true},
		{"Linux", []string{"Linux", "Windows"}, "Linux", true},
		{"freebsd", []string{"Linux", "Windows"}, "", false},
		{"", []string{"Linux"}, "", false},
		{"base", nil, "", false},
		{"Custom", []string{"custom", "Custom"}, "Custom", true}, // an exact spelling wins over a fold
	}
	for _, tt := range tests {
		got, ok := Canonical(tt.value, tt.allowed)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Canonical(%q, %q) = %q, %v; want %q, %v", tt.value, tt.allowed, got, ok, tt.want, tt.ok)
		}
	}
}
