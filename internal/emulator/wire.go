package emulator

import (
	"fmt"
	"reflect"
	"strings"
	"unsafe"
)

// wireForm is the form in which the API sends a catalog image type, derived from that type so a field added to
// the catalog is served without an edit here: every field under its JSON name, always present (a nil list is
// sent as [], never null), except fields tagged wire:"-" (catalog only, never sent) and the field tagged
// wire:"requested", sent only when the request asks for it.
//
// The derived type has the catalog type's fields in the same order with other tags, so the two are convertible (Go
// ignores tags in conversions) and share their memory layout: a catalog image is served as it is, through a pointer
// of the derived type. reflect.Value.Convert would do the same but compares the two types on every call, which
// would triple the cost of serving a page.
type wireForm struct {
	typ       reflect.Type
	lists     []int           // slice fields that are sent
	empty     []reflect.Value // empty[i]: an empty, non-nil value for lists[i]
	requested int             // the field sent only on request, or -1
}

var (
	uhostWire = deriveWire(reflect.TypeFor[UHostImage]())
	phostWire = deriveWire(reflect.TypeFor[PHostImage]())
	bmcWire   = deriveWire(reflect.TypeFor[BMCImage]())
)

func deriveWire(catalogType reflect.Type) wireForm {
	form := wireForm{requested: -1}
	fields := make([]reflect.StructField, catalogType.NumField())
	for i := range fields {
		field := catalogType.Field(i)
		name, _, _ := strings.Cut(field.Tag.Get("json"), ",")
		tag := `json:"` + name + `"`
		switch field.Tag.Get("wire") {
		case "-":
			tag = `json:"-"`
		case "requested":
			tag = `json:"` + name + `,omitzero"` // a nil list is left out, an empty one is sent as []
			form.requested = i
		}
		if tag != `json:"-"` && field.Type.Kind() == reflect.Slice {
			form.lists = append(form.lists, i)
			form.empty = append(form.empty, reflect.MakeSlice(field.Type, 0, 0))
		}
		fields[i] = reflect.StructField{Name: field.Name, Type: field.Type, Tag: reflect.StructTag(tag)}
	}
	form.typ = reflect.StructOf(fields)
	if !form.typ.ConvertibleTo(catalogType) {
		panic(fmt.Sprintf("emulator: the wire form of %s does not have its layout", catalogType))
	}
	return form
}

// toWire returns img, a value of the catalog type form was derived from, as the API sends it: a pointer of the
// form's type to a copy of img.
func toWire[T any](form wireForm, img T, requested bool) any {
	value := reflect.ValueOf(&img).Elem()
	for i, field := range form.lists {
		if list := value.Field(field); list.IsNil() && (field != form.requested || requested) {
			list.Set(form.empty[i])
		}
	}
	if form.requested >= 0 && !requested {
		value.Field(form.requested).SetZero()
	}
	return reflect.NewAt(form.typ, unsafe.Pointer(&img)).Interface()
}
