// Check-in places: the operations only js/places.js sends.
export default {
  setResidenceLocation: `mutation SetResidence($id: ID!, $lat: Float, $lon: Float) {
    setResidenceLocation(personId: $id, latitude: $lat, longitude: $lon) {
      id residenceLocation { latitude longitude } } }`,
};
